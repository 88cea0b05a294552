package io.depot.storage.table;

import io.depot.storage.testing.Batches;
import java.nio.file.Path;
import java.util.List;

/**
 * A second process for {@link TestReadersDuringCommits}: reads table {@code args[1]} of database
 * {@code args[0]} over and over until its standard input closes, checking every snapshot is a
 * whole commit (ids exactly 0..n-1, n a multiple of the commit size {@code args[2]}). Prints
 * {@code reading} after its first read, {@code reads <n> versions <m>} when done, or {@code inconsistent ...} at the first bad read.
 */
public final class ReaderProcess {
    private ReaderProcess() {}

    public static void main(String[] args) throws Exception {
        int commitRows = Integer.parseInt(args[2]);
        try (Database database = Database.open(Path.of(args[0]))) {
            long reads = 0;
            long lastVersion = -1;
            long versionsSeen = 0;
            while (System.in.available() == 0) {
                Snapshot snapshot = database.table(args[1]).orElseThrow().snapshot();
                List<List<Object>> rows = Batches.readAll(snapshot, database.allocator());
                String problem = TestReadersDuringCommits.inconsistency(snapshot, rows, commitRows);
                if (problem != null) {
                    System.out.println("inconsistent " + problem);
                    return;
                }
                if (snapshot.version() < lastVersion) {
                    System.out.println("inconsistent version went back from " + lastVersion + " to " + snapshot.version());
                    return;
                }
                versionsSeen += snapshot.version() != lastVersion ? 1 : 0;
                lastVersion = snapshot.version();
                if (reads++ == 0) {
                    // Tells the parent to start committing: the first read is the slow one.
                    System.out.println("reading");
                    System.out.flush();
                }
            }
            System.out.println("reads " + reads + " versions " + versionsSeen);
        }
    }
}
