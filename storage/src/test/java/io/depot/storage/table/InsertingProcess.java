package io.depot.storage.table;

import io.depot.storage.testing.Batches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The victim of {@link TestWriteAheadLogCrashSafety}: small inserts into table {@code t} of
 * database {@code args[0]}, ids from {@code args[2]} on, in a loop until it is killed, with the
 * log folded every {@code args[3]} rows (so kills also land in folds) and now and then an insert
 * too large for the log. Prints {@code intent <first id> <rows>} before each commit and
 * {@code ack <first id> <rows>} once it returned: an acknowledged row must survive the kill.
 */
public final class InsertingProcess {
    private InsertingProcess() {}

    public static void main(String[] args) {
        Random random = new Random(Long.parseLong(args[1]));
        long nextId = Long.parseLong(args[2]);
        try (Database database = Database.open(Path.of(args[0]))) {
            database.setDeltaFoldRows(Long.parseLong(args[3]));
            BufferAllocator allocator = database.allocator();
            if (database.table("t").isEmpty()) {
                TestWriteAheadLog.createEmpty(database);
            }
            System.out.println("ready");
            System.out.flush();
            while (true) {
                int count = random.nextInt(60) == 0 ? TableWriter.MAX_LOGGED_ROWS + 1 : 1 + random.nextInt(3);
                List<List<Object>> rows = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    rows.add(TestWriteAheadLog.row(nextId + i));
                }
                try (TableWriter writer = database.beginInsert("t", null);
                        VectorSchemaRoot batch = Batches.root(TestWriteAheadLog.SCHEMA, allocator, rows)) {
                    writer.append(batch);
                    System.out.println("intent " + nextId + " " + count);
                    System.out.flush();
                    writer.commit();
                }
                System.out.println("ack " + nextId + " " + count);
                System.out.flush();
                nextId += count;
            }
        }
    }
}
