package io.depot.storage.table;

import static io.depot.storage.table.TestWriteAheadLog.SCHEMA;
import static io.depot.storage.table.TestWriteAheadLog.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small inserts from several threads into one table: they queue for the writer lock and share log
 * records (group commit) instead of failing with CONFLICT, and other writers interleave with them.
 */
class TestConcurrentInserts extends AllocatorTest {
    private static final int THREADS = 4;
    private static final int INSERTS_PER_THREAD = 150;

    @TempDir
    Path directory;

    @Test
    void insertsFromSeveralThreadsAllCommitOnceEachAndShareRecords() throws Exception {
        try (Database database = Database.open(directory)) {
            TestWriteAheadLog.createEmpty(database);
            runInserters(database, THREADS, INSERTS_PER_THREAD, 0);
            assertAllRowsOnce(database, THREADS * INSERTS_PER_THREAD);
        }
        Path log;
        try (Stream<Path> files = Files.list(directory.resolve("tables/t"))) {
            log = files.filter(file -> file.toString().endsWith(".dwal")).findFirst().orElseThrow();
        }
        int records = recordCount(Files.readAllBytes(log));
        assertThat(records).isBetween(1, THREADS * INSERTS_PER_THREAD);
        System.out.printf("TestConcurrentInserts: %d inserts from %d threads went into %d log records%n",
                THREADS * INSERTS_PER_THREAD, THREADS, records);
        // Durable: a new instance reads every row from the log.
        try (Database database = Database.open(directory)) {
            assertAllRowsOnce(database, THREADS * INSERTS_PER_THREAD);
        }
    }

    @Test
    void foldsCheckpointsAndOtherWritersInterleaveWithQueuedInserts() throws Exception {
        try (Database database = Database.open(directory)) {
            database.setDeltaFoldRows(97);
            TestWriteAheadLog.createEmpty(database);
            ExecutorService others = Executors.newSingleThreadExecutor();
            CountDownLatch stop = new CountDownLatch(1);
            try {
                // Writers that are not inserts: each folds the log first (beginWrite) or compacts.
                Future<Integer> changes = others.submit(() -> {
                    int done = 0;
                    while (!stop.await(10, TimeUnit.MILLISECONDS)) {
                        switch (done % 3) {
                            case 0 -> database.checkpoint("t");
                            case 1 -> database.compact("t", 1_000);
                            default -> {
                                try (TableWriter writer = database.beginWrite("t", null)) {
                                    writer.commit();
                                }
                            }
                        }
                        done++;
                    }
                    return done;
                });
                long started = System.nanoTime();
                runInserters(database, THREADS, 60, 0);
                stop.countDown();
                int changed = changes.get(60, TimeUnit.SECONDS);
                assertThat(changed).isPositive();
                System.out.printf("TestConcurrentInserts: %d inserts and %d other writes took %d ms%n", THREADS * 60,
                        changed, (System.nanoTime() - started) / 1_000_000);
            } finally {
                stop.countDown();
                others.shutdown();
                assertThat(others.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
            assertAllRowsOnce(database, THREADS * 60);
        }
        try (Database database = Database.open(directory)) {
            assertAllRowsOnce(database, THREADS * 60);
        }
    }

    @Test
    void aQueuedInsertWaitsForAnOpenWriterAndGivesUpAfterTheWriterWait() throws Exception {
        try (Database database = Database.open(directory)) {
            TestWriteAheadLog.createEmpty(database);
            ExecutorService inserter = Executors.newSingleThreadExecutor();
            try {
                // Waits for the open writer instead of failing, and commits after it.
                Future<?> waiting;
                try (TableWriter writer = database.beginWrite("t", null);
                        VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, List.of(row(0)))) {
                    writer.append(batch);
                    waiting = inserter.submit(() -> insert(database, row(1)));
                    Thread.sleep(300);
                    assertThat(waiting).isNotDone();
                    writer.commit();
                }
                waiting.get(30, TimeUnit.SECONDS);
                assertThat(ids(database)).containsExactly(0L, 1L);

                // A writer that stays open longer than the wait: a clear CONFLICT, nothing written.
                database.setWriterWait(Duration.ofMillis(200));
                try (TableWriter writer = database.beginWrite("t", null)) {
                    Future<?> timedOut = inserter.submit(() -> insert(database, row(2)));
                    assertThatThrownBy(() -> timedOut.get(30, TimeUnit.SECONDS))
                            .cause()
                            .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                            .hasMessage("Table[t] is being written by another writer; gave up after waiting 200 ms"
                                    + " for it to finish (depot.writer.wait.ms)");
                    writer.commit();
                }
                assertThat(ids(database)).containsExactly(0L, 1L);
            } finally {
                inserter.shutdown();
                assertThat(inserter.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void anInsertQueuedBehindAReplaceWithOtherColumnsOrADropFails() throws Exception {
        try (Database database = Database.open(directory)) {
            TestWriteAheadLog.createEmpty(database);
            ExecutorService inserter = Executors.newSingleThreadExecutor();
            try {
                Future<?> queued;
                try (TableWriter replace = database.beginReplace("t",
                        TableSchema.of(Column.nullable("other", ColumnType.BIGINT)))) {
                    queued = inserter.submit(() -> insert(database, row(1)));
                    Thread.sleep(200);
                    replace.commit();
                }
                assertThatThrownBy(() -> queued.get(30, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                        .hasMessage("Table[t] changed its columns while the INSERT waited to be written; run it again");
                assertThat(database.table("t").orElseThrow().snapshot().rowCount()).isZero();
                // The other way round: the insert's columns no longer match, so it is not logged at all.
                try (VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, List.of(row(1)))) {
                    assertThat(database.insertLogged("t", SCHEMA, batch)).isFalse();
                }
            } finally {
                inserter.shutdown();
                assertThat(inserter.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void aNullInANotNullColumnIsRefusedBeforeQueueing() {
        try (Database database = Database.open(directory)) {
            TestWriteAheadLog.createEmpty(database);
            List<Object> bad = new ArrayList<>(row(0));
            bad.set(0, null);
            try (VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, List.of(bad))) {
                assertThatThrownBy(() -> database.insertLogged("t", SCHEMA, batch))
                        .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                        .hasMessage("Table[t] column[id] is NOT NULL, but the batch holds NULLs in it");
            }
            assertThat(database.table("t").orElseThrow().snapshot().rowCount()).isZero();
        }
    }

    /** Runs {@code threads} threads each inserting {@code inserts} single rows; ids are distinct. */
    private void runInserters(Database database, int threads, int inserts, long firstId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                long base = firstId + (long) thread * inserts;
                done.add(pool.submit(() -> {
                    start.await();
                    for (long id = base; id < base + inserts; id++) {
                        insert(database, row(id));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private void insert(Database database, List<Object> row) {
        try (VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, List.of(row))) {
            assertThat(database.insertLogged("t", SCHEMA, batch)).isTrue();
        }
    }

    /** Every id in {@code [0, count)} exactly once, with the values {@link TestWriteAheadLog#row} gives it. */
    private void assertAllRowsOnce(Database database, int count) {
        List<List<Object>> rows = new ArrayList<>(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator));
        rows.sort(Comparator.comparing(row -> (Long) row.get(0)));
        List<List<Object>> expected = new ArrayList<>();
        for (long id = 0; id < count; id++) {
            expected.add(row(id));
        }
        assertThat(rows).isEqualTo(expected);
    }

    private List<Long> ids(Database database) {
        return Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator).stream()
                .map(row -> (Long) row.get(0)).sorted().toList();
    }

    private static int recordCount(byte[] log) {
        int records = 0;
        for (int at = DeltaLog.HEADER_BYTES; at < log.length; records++) {
            at += DeltaLog.RECORD_HEADER_BYTES + ByteBuffer.wrap(log, at, 4).getInt();
        }
        return records;
    }
}
