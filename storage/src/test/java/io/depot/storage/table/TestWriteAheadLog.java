package io.depot.storage.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** Small writes through the table's write-ahead log: visibility, folds, damage, readers. */
class TestWriteAheadLog extends AllocatorTest {
    static final TableSchema SCHEMA = TableSchema.of(
            new Column("id", ColumnType.BIGINT, false),
            Column.nullable("amount", ColumnType.decimal(12, 2)),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("name", ColumnType.VARCHAR),
            Column.nullable("score", ColumnType.DOUBLE),
            Column.nullable("ok", ColumnType.BOOLEAN),
            Column.nullable("n", ColumnType.INTEGER),
            Column.nullable("at", ColumnType.TIMESTAMP));

    @TempDir
    Path directory;

    @Test
    void smallInsertsGoToTheLogAndAreVisibleAtOnce() throws IOException {
        try (Database database = Database.open(directory)) {
            createEmpty(database);
            List<List<Object>> expected = new ArrayList<>();
            for (int id = 0; id < 300; id++) {
                List<Object> row = row(id);
                insert(database, List.of(row));
                expected.add(row);
                if (id % 50 == 0) {
                    Snapshot snapshot = database.table("t").orElseThrow().snapshot();
                    assertThat(Batches.readAll(snapshot, allocator)).isEqualTo(expected);
                }
            }
            Snapshot snapshot = database.table("t").orElseThrow().snapshot();
            assertThat(snapshot.version()).as("no new version per insert").isEqualTo(1);
            assertThat(snapshot.segmentCount()).isZero();
            assertThat(snapshot.deltaRowCount()).isEqualTo(300);
            assertThat(snapshot.rowCount()).isEqualTo(300);
            assertThat(snapshot.statistics().rowCount()).isEqualTo(300);
            assertThat(snapshot.statistics().columns().get(0).max()).isEqualTo(299L);
            assertThat(snapshot.statistics().columns().get(1).nullCount()).isEqualTo(43);
            assertThat(Batches.readAll(snapshot, allocator)).isEqualTo(expected);
            assertThat(files(".dseg")).isEmpty();
        }
        // Durable: another instance (another process) reads them from the log.
        try (Database database = Database.open(directory)) {
            Snapshot snapshot = database.table("t").orElseThrow().snapshot();
            assertThat(Batches.readAll(snapshot, allocator)).hasSize(300).first().isEqualTo(row(0));
        }
    }

    @Test
    void theLogFoldsIntoOneSegmentAtTheThresholdAndOnCheckpoint() throws IOException {
        try (Database database = Database.open(directory)) {
            database.setDeltaFoldRows(100);
            createEmpty(database);
            List<List<Object>> expected = new ArrayList<>();
            for (int id = 0; id < 250; id++) {
                expected.add(row(id));
                insert(database, List.of(row(id)));
            }
            Snapshot snapshot = database.table("t").orElseThrow().snapshot();
            assertThat(snapshot.segmentCount()).isEqualTo(2);
            assertThat(snapshot.segmentRowCount(0)).isEqualTo(100);
            assertThat(snapshot.deltaRowCount()).isEqualTo(50);
            assertThat(Batches.readAll(snapshot, allocator)).isEqualTo(expected);
            assertThat(files(".dwal")).as("folded logs are deleted").hasSize(1);

            assertThat(database.checkpoint("t")).isEqualTo(50);
            assertThat(database.checkpoint("t")).isZero();
            Snapshot folded = database.table("t").orElseThrow().snapshot();
            assertThat(folded.segmentCount()).isEqualTo(3);
            assertThat(folded.deltaRowCount()).isZero();
            assertThat(Batches.readAll(folded, allocator)).isEqualTo(expected);
            // A snapshot taken before the fold keeps its rows.
            assertThat(Batches.readAll(snapshot, allocator)).isEqualTo(expected);
        }
    }

    @Test
    void otherWritesFoldTheLogFirstAndReplacesDropIt() {
        try (Database database = Database.open(directory)) {
            createEmpty(database);
            insert(database, List.of(row(0), row(1), row(2)));
            // A delete works on segments: the writer folds the log first, so its rows are there to delete.
            try (TableWriter writer = database.beginWrite("t", null)) {
                Snapshot base = writer.baseSnapshot().orElseThrow();
                assertThat(base.deltaRowCount()).isZero();
                assertThat(base.segmentCount()).isEqualTo(1);
                writer.delete(base.segmentId(0), RoaringBitmap.bitmapOf(1));
                writer.commit();
            }
            insert(database, List.of(row(3)));
            assertThat(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator))
                    .containsExactly(row(0), row(2), row(3));
            // Replacing the table drops the log's rows with the segments.
            try (TableWriter writer = database.beginReplace("t", SCHEMA)) {
                writer.commit();
            }
            Snapshot replaced = database.table("t").orElseThrow().snapshot();
            assertThat(replaced.rowCount()).isZero();
            assertThat(Batches.readAll(replaced, allocator)).isEmpty();
            insert(database, List.of(row(4)));
            assertThat(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator))
                    .containsExactly(row(4));
        }
    }

    @Test
    void largerWritesMakeSegmentsAndKeepTheLog() {
        try (Database database = Database.open(directory)) {
            createEmpty(database);
            insert(database, List.of(row(0)));
            List<List<Object>> many = new ArrayList<>();
            for (int id = 1; id <= TableWriter.MAX_LOGGED_ROWS + 1; id++) {
                many.add(row(id));
            }
            insert(database, many);
            Snapshot snapshot = database.table("t").orElseThrow().snapshot();
            assertThat(snapshot.segmentCount()).isEqualTo(1);
            assertThat(snapshot.deltaRowCount()).isEqualTo(1);
            assertThat(snapshot.rowCount()).isEqualTo(TableWriter.MAX_LOGGED_ROWS + 2);
        }
    }

    @Test
    void aTornLastRecordIsIgnoredAndCutOffByTheNextInsert() throws IOException {
        try (Database database = Database.open(directory)) {
            createEmpty(database);
            insert(database, List.of(row(0)));
            insert(database, List.of(row(1)));
        }
        Path log = onlyFile(".dwal");
        long size = Files.size(log);
        // The last record lost its final bytes, as a crash in the middle of its write leaves it.
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(size - 3);
        }
        try (Database database = Database.open(directory)) {
            assertThat(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator)).containsExactly(row(0));
            insert(database, List.of(row(2)));
            assertThat(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator))
                    .containsExactly(row(0), row(2));
        }
        // A tail of zeros (space allocated, data never written) is torn too.
        Files.write(log, new byte[100], StandardOpenOption.APPEND);
        try (Database database = Database.open(directory)) {
            assertThat(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator))
                    .containsExactly(row(0), row(2));
        }
    }

    @Test
    void aDamagedRecordBeforeOthersIsCorruptionNamingFileAndOffset() throws IOException {
        try (Database database = Database.open(directory)) {
            createEmpty(database);
            insert(database, List.of(row(0)));
            insert(database, List.of(row(1)));
        }
        Path log = onlyFile(".dwal");
        byte[] bytes = Files.readAllBytes(log);
        int secondRecord = DeltaLog.HEADER_BYTES + DeltaLog.RECORD_HEADER_BYTES
                + java.nio.ByteBuffer.wrap(bytes, DeltaLog.HEADER_BYTES, 4).getInt();
        bytes[DeltaLog.HEADER_BYTES + DeltaLog.RECORD_HEADER_BYTES + 5] ^= 0x10;
        Files.write(log, bytes);
        try (Database database = Database.open(directory)) {
            assertThatThrownBy(() -> database.table("t").orElseThrow().snapshot())
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                    .hasMessage("Write-ahead log[" + log + "] of table[t] is damaged: record 0 at offset["
                            + DeltaLog.HEADER_BYTES + "] fails its payload checksum, and a valid record starts at offset["
                            + secondRecord + "] after it, so it is not a torn last write; the table cannot be read"
                            + " until the file is repaired or restored");
        }
    }

    @Test
    void readersSeeWholeInsertsWhileAnotherThreadInserts() throws Exception {
        try (Database database = Database.open(directory)) {
            database.setDeltaFoldRows(500);
            createEmpty(database);
            AtomicBoolean done = new AtomicBoolean();
            ExecutorService readers = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> checks = new ArrayList<>();
                for (int reader = 0; reader < 2; reader++) {
                    checks.add(readers.submit(() -> {
                        int snapshots = 0;
                        long lastCount = 0;
                        while (!done.get() || snapshots == 0) {
                            Snapshot snapshot = database.table("t").orElseThrow().snapshot();
                            List<List<Object>> rows = Batches.readAll(snapshot, allocator);
                            // Inserts of three rows each, ids in order: a snapshot holds whole inserts, once each.
                            assertThat(rows.size() % 3).isZero();
                            for (int i = 0; i < rows.size(); i++) {
                                assertThat(rows.get(i).get(0)).isEqualTo((long) i);
                            }
                            assertThat(snapshot.rowCount()).isEqualTo(rows.size()).isGreaterThanOrEqualTo(lastCount);
                            lastCount = rows.size();
                            snapshots++;
                        }
                        return snapshots;
                    }));
                }
                for (int id = 0; id < 1_500; id += 3) {
                    insert(database, List.of(row(id), row(id + 1), row(id + 2)));
                }
                done.set(true);
                for (Future<Integer> check : checks) {
                    assertThat(check.get(60, TimeUnit.SECONDS)).isPositive();
                }
            } finally {
                done.set(true);
                readers.shutdown();
                assertThat(readers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(database.table("t").orElseThrow().snapshot().rowCount()).isEqualTo(1_500);
        }
    }

    @Test
    void orphanLogsAreRemovedByTheNextOpenAndNeverRead() throws IOException {
        try (Database database = Database.open(directory)) {
            createEmpty(database);
            insert(database, List.of(row(0)));
        }
        Path live = onlyFile(".dwal");
        // A log a fold committed past but did not get to delete (a crash in between): never read again.
        Path folded = live.resolveSibling(TableDirectory.deltaLogName(0));
        Files.copy(live, folded);
        try (Database database = Database.open(directory)) {
            assertThat(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator)).containsExactly(row(0));
            insert(database, List.of(row(1)));
            assertThat(folded).doesNotExist();
            assertThat(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator))
                    .containsExactly(row(0), row(1));
        }
    }

    static void createEmpty(Database database) {
        try (TableWriter writer = database.beginWrite("t", SCHEMA)) {
            writer.commit();
        }
    }

    private void insert(Database database, List<List<Object>> rows) {
        try (TableWriter writer = database.beginInsert("t", null);
                VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, rows)) {
            writer.append(batch);
            writer.commit();
        }
    }

    /** A row with NULLs, negative decimals, Korean and empty text, depending on the id. */
    static List<Object> row(long id) {
        return Batches.row(id,
                id % 7 == 0 ? null : BigDecimal.valueOf((id % 2 == 0 ? 1 : -1) * id * 37, 2),
                id % 11 == 0 ? null : LocalDate.of(1999, 12, 31).plusDays(id),
                switch ((int) (id % 4)) {
                    case 0 -> "";
                    case 1 -> "서울 " + id;
                    case 2 -> null;
                    default -> "n" + id;
                },
                id % 5 == 0 ? null : id / 4.0 - 3,
                id % 3 == 0 ? null : id % 2 == 0,
                id % 13 == 0 ? null : (int) -id,
                id % 6 == 0 ? null : LocalDateTime.of(2024, 1, 31, 12, 0).plusNanos(id * 1_000L));
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> listing = Files.list(directory.resolve("tables/t"))) {
            return listing.filter(file -> file.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private Path onlyFile(String suffix) throws IOException {
        List<Path> found = files(suffix);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
