package io.depot.storage.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/**
 * Readers in other threads and in another process read a table over and over while a writer
 * commits appends, deletes-and-reappends and compactions: every read is one whole commit.
 */
class TestReadersDuringCommits extends AllocatorTest {
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("city", ColumnType.VARCHAR));
    private static final int COMMIT_ROWS = 200;
    private static final int COMMITS = 40;

    @TempDir
    Path directory;

    /**
     * Null when the rows are a whole commit: ids exactly 0..n-1 in some order, n a multiple of the
     * commit size and equal to the snapshot's row count; else what is wrong.
     */
    static String inconsistency(Snapshot snapshot, List<List<Object>> rows, int commitRows) {
        if (rows.size() != snapshot.rowCount() || rows.size() % commitRows != 0) {
            return "version " + snapshot.version() + " has " + rows.size() + " rows, row count " + snapshot.rowCount();
        }
        boolean[] seen = new boolean[rows.size()];
        for (List<Object> row : rows) {
            long id = (Long) row.get(0);
            if (id < 0 || id >= rows.size() || seen[(int) id]) {
                return "version " + snapshot.version() + " has id " + id + " out of place";
            }
            seen[(int) id] = true;
        }
        return null;
    }

    @Test
    void readersInThreadsAndAnotherProcessSeeOnlyWholeCommits() throws Exception {
        try (Database database = Database.open(directory)) {
            database.setSegmentRowLimit(300);
            commit(database, 0, null);

            Process child = startReaderProcess();
            BufferedReader childOutput = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<String> threadProblem = new AtomicReference<>();
            AtomicLong threadReads = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            try {
                assertThat(childOutput.readLine()).isEqualTo("reading");
                for (int i = 0; i < 2; i++) {
                    Thread reader = new Thread(() -> readUntilDone(database, writing, threadProblem, threadReads));
                    reader.start();
                    readers.add(reader);
                }
                int nextId = COMMIT_ROWS;
                for (int commit = 1; commit < COMMITS; commit++) {
                    if (commit % 10 == 5) {
                        assertThat(database.compact("events", 250)).isPositive();
                    } else {
                        commit(database, nextId, commit % 3 == 0 ? 17L : null);
                        nextId += COMMIT_ROWS;
                    }
                }
            } finally {
                writing.set(false);
                for (Thread reader : readers) {
                    reader.join();
                }
                child.getOutputStream().write('x');
                child.getOutputStream().close();
            }
            String childResult = childOutput.readLine();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(threadProblem.get()).isNull();
            assertThat(threadReads.get()).isPositive();
            assertThat(childResult).startsWith("reads ");
            // The other process saw several versions come and go.
            assertThat(Long.parseLong(childResult.substring(childResult.lastIndexOf(' ') + 1))).as(childResult)
                    .isGreaterThan(1);
        }
    }

    private void readUntilDone(Database database, AtomicBoolean writing, AtomicReference<String> problem,
            AtomicLong reads) {
        try {
            while (writing.get() && problem.get() == null) {
                Snapshot snapshot = database.table("events").orElseThrow().snapshot();
                problem.compareAndSet(null, inconsistency(snapshot, Batches.readAll(snapshot, database.allocator()),
                        COMMIT_ROWS));
                reads.incrementAndGet();
            }
        } catch (RuntimeException e) {
            problem.compareAndSet(null, e.toString());
        }
    }

    /**
     * Appends ids {@code [first, first + COMMIT_ROWS)}; with {@code moveId}, also deletes that id
     * from the table and appends it again in the same commit, so a reader seeing only half of
     * the commit would miss it or see it twice.
     */
    private void commit(Database database, int first, Long moveId) {
        try (TableWriter writer = database.beginWrite("events", SCHEMA)) {
            List<List<Object>> rows = new ArrayList<>();
            for (int id = first; id < first + COMMIT_ROWS; id++) {
                rows.add(Batches.row((long) id, id % 2 == 0 ? "서울" : ""));
            }
            if (moveId != null) {
                Snapshot base = writer.baseSnapshot().orElseThrow();
                deleteId(writer, base, moveId);
                rows.add(Batches.row(moveId, "moved"));
            }
            try (VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, rows)) {
                writer.append(batch);
            }
            writer.commit();
        }
    }

    private void deleteId(TableWriter writer, Snapshot base, long id) {
        for (int segment = 0; segment < base.segmentCount(); segment++) {
            try (var reader = base.openSegment(segment)) {
                int start = 0;
                for (int block = 0; block < reader.blockCount(); block++) {
                    RoaringBitmap deleted = reader.deletedRows(block).orElse(new RoaringBitmap());
                    try (VectorSchemaRoot root = reader.readBlock(block, new int[] {0}, allocator)) {
                        List<List<Object>> values = Batches.rows(root, TableSchema.of(SCHEMA.column(0)));
                        for (int row = 0; row < values.size(); row++) {
                            if (!deleted.contains(row) && values.get(row).get(0).equals(id)) {
                                writer.delete(base.segmentId(segment), RoaringBitmap.bitmapOf(start + row));
                                return;
                            }
                        }
                    }
                    start += reader.blockRowCount(block);
                }
            }
        }
        throw new AssertionError("id " + id + " not found");
    }

    private Process startReaderProcess() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ReaderProcess.class.getName(), directory.toString(),
                "events", Integer.toString(COMMIT_ROWS)))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
