package io.depot.storage.table;

import io.depot.storage.testing.Batches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The victim of {@link TestWriteAheadLogCrashSafety}: small inserts into table {@code t} of
 * database {@code args[0]}, ids from {@code args[2]} on, in a loop until it is killed, with the
 * log folded every {@code args[3]} rows (so kills also land in folds) and now and then an insert
 * too large for the log. With {@code args[4]} threads above 1, that many threads insert at once
 * through {@link Database#insertLogged} (group commit; too large ones through a writer, as SQL
 * does). Prints {@code intent <first id> <rows>} before each commit and {@code ack <first id>
 * <rows>} once it returned: an acknowledged row must survive the kill.
 */
public final class InsertingProcess {
    private InsertingProcess() {}

    public static void main(String[] args) throws InterruptedException {
        long seed = Long.parseLong(args[1]);
        AtomicLong nextId = new AtomicLong(Long.parseLong(args[2]));
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        try (Database database = Database.open(Path.of(args[0]))) {
            database.setDeltaFoldRows(Long.parseLong(args[3]));
            if (database.table("t").isEmpty()) {
                TestWriteAheadLog.createEmpty(database);
            }
            System.out.println("ready");
            System.out.flush();
            if (threads == 1) {
                insertForever(database, new Random(seed), nextId, false);
            }
            List<Thread> inserters = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                Random random = new Random(seed + thread);
                Thread inserter = new Thread(() -> insertForever(database, random, nextId, true), "inserter-" + thread);
                inserter.start();
                inserters.add(inserter);
            }
            for (Thread inserter : inserters) {
                inserter.join();
            }
        }
    }

    private static void insertForever(Database database, Random random, AtomicLong nextId, boolean grouped) {
        BufferAllocator allocator = database.allocator();
        while (true) {
            int count = random.nextInt(60) == 0 ? TableWriter.MAX_LOGGED_ROWS + 1 : 1 + random.nextInt(3);
            long first = nextId.getAndAdd(count);
            List<List<Object>> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                rows.add(TestWriteAheadLog.row(first + i));
            }
            try (VectorSchemaRoot batch = Batches.root(TestWriteAheadLog.SCHEMA, allocator, rows)) {
                System.out.println("intent " + first + " " + count);
                System.out.flush();
                if (!grouped || !database.insertLogged("t", TestWriteAheadLog.SCHEMA, batch)) {
                    try (TableWriter writer = database.beginInsert("t", null)) {
                        writer.append(batch);
                        writer.commit();
                    }
                }
            }
            System.out.println("ack " + first + " " + count);
            System.out.flush();
        }
    }
}
