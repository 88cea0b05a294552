package io.depot.storage.table;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDatabase extends AllocatorTest {
    private static final TableSchema SALES = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("city", ColumnType.VARCHAR),
            Column.nullable("amount", ColumnType.decimal(10, 2)),
            Column.nullable("sold_on", ColumnType.DATE),
            Column.nullable("sold_at", ColumnType.TIMESTAMP),
            Column.nullable("paid", ColumnType.BOOLEAN),
            Column.nullable("quantity", ColumnType.INTEGER),
            Column.nullable("discount", ColumnType.DOUBLE));

    @TempDir
    Path directory;


    @Test
    void commitsAndReopens() {
        List<List<Object>> rows = salesRows(0, 3);
        try (Database database = Database.open(directory)) {
            assertThat(database.tableNames()).isEmpty();
            assertThat(write(database, "Sales", rows)).isEqualTo(1);
        }
        try (Database database = Database.open(directory)) {
            assertThat(database.tableNames()).containsExactly("Sales");
            Table table = database.table("SALES").orElseThrow();
            assertThat(table.name()).isEqualTo("Sales");
            Snapshot snapshot = table.snapshot();
            assertThat(snapshot.tableName()).isEqualTo("Sales");
            assertThat(snapshot.version()).isEqualTo(1);
            assertThat(snapshot.schema()).isEqualTo(SALES);
            assertThat(snapshot.rowCount()).isEqualTo(3);
            assertThat(readAll(snapshot)).isEqualTo(rows);
        }
    }

    @Test
    void eachCommitAddsAVersionAndSegments() {
        try (Database database = Database.open(directory)) {
            write(database, "sales", salesRows(0, 2));
            assertThat(write(database, "sales", salesRows(2, 3))).isEqualTo(2);

            Snapshot snapshot = database.table("sales").orElseThrow().snapshot();
            assertThat(snapshot.version()).isEqualTo(2);
            assertThat(snapshot.segmentCount()).isEqualTo(2);
            assertThat(readAll(snapshot)).isEqualTo(salesRows(0, 5));
        }
    }

    @Test
    void cutsSegmentsAtTheRowLimit() {
        try (Database database = Database.open(directory)) {
            database.setSegmentRowLimit(4);
            write(database, "sales", salesRows(0, 10));

            Snapshot snapshot = database.table("sales").orElseThrow().snapshot();
            assertThat(snapshot.segmentCount()).isEqualTo(3);
            assertThat(snapshot.segmentRowCount(2)).isEqualTo(2);
            assertThat(readAll(snapshot)).isEqualTo(salesRows(0, 10));
        }
    }

    @Test
    void emptyCommitCreatesAnEmptyTable() {
        try (Database database = Database.open(directory)) {
            try (TableWriter writer = database.beginWrite("empty", SALES)) {
                assertThat(writer.commit()).isEqualTo(1);
            }
            Snapshot snapshot = database.table("empty").orElseThrow().snapshot();
            assertThat(snapshot.rowCount()).isZero();
            assertThat(snapshot.segmentCount()).isZero();
            assertThat(snapshot.schema()).isEqualTo(SALES);
        }
    }

    @Test
    void abortedFirstWriteLeavesNoTable() throws IOException {
        try (Database database = Database.open(directory)) {
            database.setSegmentRowLimit(2);
            try (TableWriter writer = database.beginWrite("sales", SALES);
                    VectorSchemaRoot batch = Batches.root(SALES, allocator, salesRows(0, 5))) {
                writer.append(batch);
            }
            assertThat(database.table("sales")).isEmpty();
            assertThat(database.tableNames()).isEmpty();
            assertThat(directory.resolve("tables/sales")).doesNotExist();
        }
    }

    @Test
    void abortedWriteKeepsTheTableAsItWas() throws IOException {
        try (Database database = Database.open(directory)) {
            write(database, "sales", salesRows(0, 2));
            try (TableWriter writer = database.beginWrite("sales", SALES);
                    VectorSchemaRoot batch = Batches.root(SALES, allocator, salesRows(2, 3))) {
                writer.append(batch);
            }
            Snapshot snapshot = database.table("sales").orElseThrow().snapshot();
            assertThat(snapshot.version()).isEqualTo(1);
            assertThat(readAll(snapshot)).isEqualTo(salesRows(0, 2));
            assertThat(files(directory.resolve("tables/sales"), ".dseg")).hasSize(1);
        }
    }

    @Test
    void nextWriterRemovesFilesOfACrashedWrite() throws IOException {
        try (Database database = Database.open(directory)) {
            write(database, "sales", salesRows(0, 2));
            Path tableDirectory = directory.resolve("tables/sales");
            Files.write(tableDirectory.resolve(TableDirectory.manifestName(2)), new byte[10]);
            Files.write(tableDirectory.resolve("CURRENT.1234.tmp"), new byte[10]);

            // Writers list the directory once per open, not on every commit: this instance already
            // did, yet the leftover manifest of version 2 does not stop the next commit.
            assertThat(write(database, "sales", salesRows(2, 1))).isEqualTo(2);
            assertThat(readAll(database.table("sales").orElseThrow().snapshot())).isEqualTo(salesRows(0, 3));
            Files.write(tableDirectory.resolve("seg-3-00000000-0000-0000-0000-000000000000.dseg"), new byte[10]);
            Files.write(tableDirectory.resolve(TableDirectory.manifestName(3)), new byte[10]);
        }
        Path tableDirectory = directory.resolve("tables/sales");
        try (Database database = Database.open(directory)) {
            assertThat(write(database, "sales", salesRows(3, 1))).isEqualTo(3);
            assertThat(files(tableDirectory, ".dseg")).hasSize(3);
            assertThat(files(tableDirectory, ".tmp")).isEmpty();
            assertThat(readAll(database.table("sales").orElseThrow().snapshot())).isEqualTo(salesRows(0, 4));
        }
    }

    @Test
    void snapshotKeepsReadingItsVersionWhileWritersCommit() {
        try (Database database = Database.open(directory)) {
            write(database, "sales", salesRows(0, 2));
            Table table = database.table("sales").orElseThrow();
            Snapshot before = table.snapshot();

            write(database, "sales", salesRows(2, 2));

            assertThat(before.version()).isEqualTo(1);
            assertThat(readAll(before)).isEqualTo(salesRows(0, 2));
            assertThat(table.snapshot().version()).isEqualTo(2);
            assertThat(readAll(table.snapshot())).isEqualTo(salesRows(0, 4));
        }
    }

    @Test
    void secondWriterOfATableIsRefused() {
        try (Database database = Database.open(directory);
                Database sameDirectory = Database.open(directory);
                TableWriter first = database.beginWrite("sales", SALES)) {
            assertThatThrownBy(() -> database.beginWrite("SALES", SALES))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                    .hasMessageContaining("Table[SALES] is being written by another writer");
            assertThatThrownBy(() -> sameDirectory.beginWrite("sales", SALES))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
            assertThatThrownBy(() -> database.dropTable("sales"))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
            try (TableWriter other = database.beginWrite("other", SALES)) {
                other.commit();
            }
            first.commit();
        }
        try (Database database = Database.open(directory); TableWriter again = database.beginWrite("sales", SALES)) {
            again.commit();
        }
    }

    @Test
    void mismatchedSchemaNamesTheDifference() {
        try (Database database = Database.open(directory)) {
            write(database, "sales", salesRows(0, 1));
            List<Column> changed = new ArrayList<>(SALES.columns());
            changed.set(2, Column.nullable("amount", ColumnType.BIGINT));

            assertThatThrownBy(() -> database.beginWrite("sales", new TableSchema(changed)))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                    .hasMessage("Table[sales] column[amount] has type DECIMAL(10,2), the write has BIGINT");
            assertThatThrownBy(() -> database.beginWrite("sales", TableSchema.of(Column.nullable("id", ColumnType.BIGINT))))
                    .hasMessageStartingWith("Table[sales] has 8 columns");
            try (TableWriter writer = database.beginWrite("sales", null)) {
                assertThat(writer.schema()).isEqualTo(SALES);
            }
        }
    }

    @Test
    void refusesBadNamesAndUnknownTables() {
        try (Database database = Database.open(directory)) {
            assertThatThrownBy(() -> database.beginWrite("../escape", SALES)).hasMessageContaining("Table name[../escape]");
            assertThatThrownBy(() -> database.beginWrite("missing", null)).hasMessageContaining("does not exist");
            assertThatThrownBy(() -> database.dropTable("missing")).hasMessage("Table[missing] does not exist");
            assertThat(database.table("../escape")).isEmpty();
        }
    }

    @Test
    void dropIsAtomicAndSnapshotsKeepReading() {
        try (Database database = Database.open(directory)) {
            write(database, "sales", salesRows(0, 3));
            Table table = database.table("sales").orElseThrow();
            Snapshot snapshot = table.snapshot();

            database.dropTable("SALES");

            assertThat(database.table("sales")).isEmpty();
            assertThat(database.tableNames()).isEmpty();
            assertThat(readAll(snapshot)).isEqualTo(salesRows(0, 3));
            assertThatThrownBy(table::snapshot).hasMessage("Table[sales] no longer exists");

            write(database, "sales", salesRows(10, 1));
            assertThat(readAll(database.table("sales").orElseThrow().snapshot())).isEqualTo(salesRows(10, 1));
        }
        assertThat(directory.resolve("dropped")).isEmptyDirectory();
    }

    @Test
    void openDeletesOnlyDropsLeftOverlongAgo() throws IOException {
        Path dropped = directory.resolve("dropped");
        Path stale = dropped.resolve("sales-" + (System.currentTimeMillis() - 2 * 3_600_000L) + "-" + UUID.randomUUID());
        Path recent = dropped.resolve("sales-" + System.currentTimeMillis() + "-" + UUID.randomUUID());
        Files.createDirectories(stale);
        Files.createDirectories(recent);
        Files.write(stale.resolve("CURRENT"), new byte[1]);

        try (Database database = Database.open(directory)) {
            assertThat(stale).doesNotExist();
            assertThat(recent).isDirectory();
        }
    }

    @Test
    void temporaryDatabaseIsDeletedOnClose() {
        Path location;
        try (Database database = Database.temporary()) {
            location = database.directory();
            write(database, "sales", salesRows(0, 1));
            assertThat(location).isDirectory();
        }
        assertThat(location).doesNotExist();
    }

    @Test
    void closeReportsLeakedBuffers() {
        Database database = Database.open(directory);
        VectorSchemaRoot leaked = Batches.root(SALES, database.allocator(), salesRows(0, 1));
        // The allocator is closed even though it throws, so the leaked buffers stay unreleased.
        assertThatThrownBy(database::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("Memory leaked");
        assertThat(leaked.getRowCount()).isEqualTo(1);
    }

    @Test
    void largeWriteFillsWholeSegmentsOfSixteenBlocks() {
        TableSchema schema = TableSchema.of(Column.nullable("id", ColumnType.BIGINT));
        int total = 1_100_000;
        try (Database database = Database.open(directory)) {
            try (TableWriter writer = database.beginWrite("big", schema);
                    VectorSchemaRoot batch = ArrowTypes.createRoot(schema, allocator)) {
                BigIntVector ids = (BigIntVector) batch.getVector(0);
                for (int start = 0; start < total; start += 50_000) {
                    batch.allocateNew();
                    int rows = Math.min(50_000, total - start);
                    for (int i = 0; i < rows; i++) {
                        ids.setSafe(i, start + i);
                    }
                    batch.setRowCount(rows);
                    writer.append(batch);
                }
                writer.commit();
            }

            Snapshot snapshot = database.table("big").orElseThrow().snapshot();
            assertThat(snapshot.rowCount()).isEqualTo(total);
            assertThat(snapshot.segmentCount()).isEqualTo(2);
            long expected = 0;
            for (int segment = 0; segment < 2; segment++) {
                try (SegmentReader reader = snapshot.openSegment(segment)) {
                    assertThat(reader.blockCount()).isEqualTo(segment == 0 ? 16 : 1);
                    for (int block = 0; block < reader.blockCount(); block++) {
                        assertThat(reader.zoneMap(0, block).min()).isEqualTo(expected);
                        try (VectorSchemaRoot root = reader.readBlock(block, new int[] {0}, allocator)) {
                            BigIntVector ids = (BigIntVector) root.getVector(0);
                            for (int i = 0; i < root.getRowCount(); i++, expected++) {
                                if (ids.get(i) != expected) {
                                    throw new AssertionError("row " + expected + " holds " + ids.get(i));
                                }
                            }
                        }
                    }
                }
            }
            assertThat(expected).isEqualTo(total);
        }
    }

    @Test
    void readersNeverSeeAPartialCommit() throws Exception {
        try (Database database = Database.open(directory)) {
            write(database, "sales", salesRows(0, 100));
            Table table = database.table("sales").orElseThrow();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> readerFailure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try (BufferAllocator readerAllocator = database.allocator().newChildAllocator("reader", 0, Long.MAX_VALUE)) {
                    while (writing.get()) {
                        Snapshot snapshot = table.snapshot();
                        List<List<Object>> rows = Batches.readAll(snapshot, readerAllocator);
                        assertThat(rows).hasSize((int) snapshot.rowCount());
                        assertThat(snapshot.rowCount()).isEqualTo(snapshot.version() * 100);
                        assertThat(rows.get(rows.size() - 1).get(0)).isEqualTo(snapshot.rowCount() - 1);
                    }
                } catch (Throwable e) {
                    readerFailure.set(e);
                }
            });
            reader.start();
            try {
                for (int commit = 1; commit < 20; commit++) {
                    write(database, "sales", salesRows(commit * 100, 100));
                }
            } finally {
                writing.set(false);
                reader.join();
            }
            assertThat(readerFailure.get()).isNull();
            assertThat(table.snapshot().version()).isEqualTo(20);
        }
    }

    @Test
    void refusesUnknownLayoutsAndManifestVersions() throws IOException {
        try (Database database = Database.open(directory)) {
            write(database, "sales", salesRows(0, 1));
        }
        Path manifest = directory.resolve("tables/sales").resolve(TableDirectory.manifestName(1));
        Files.writeString(manifest, Files.readString(manifest).replace("\"formatVersion\" : 4", "\"formatVersion\" : 9"));
        try (Database database = Database.open(directory)) {
            assertThatThrownBy(() -> database.table("sales"))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                    .hasMessage("Manifest[" + manifest + "] has format version[9], this Depot reads only versions[2..4]");
        }
        Files.writeString(directory.resolve("DEPOT"), "depot-layout=7\n");
        assertThatThrownBy(() -> Database.open(directory))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION));
    }

    @Test
    void notNullColumnsRefuseNulls() {
        TableSchema strict = TableSchema.of(new Column("id", ColumnType.BIGINT, false));
        try (Database database = Database.open(directory);
                TableWriter writer = database.beginWrite("strict", strict);
                VectorSchemaRoot batch = Batches.root(strict, allocator, List.of(row(1L), row((Object) null)))) {
            assertThatThrownBy(() -> writer.append(batch))
                    .hasMessage("Table[strict] column[id] is NOT NULL, but the batch holds NULLs in it");
        }
    }

    private long write(Database database, String table, List<List<Object>> rows) {
        try (TableWriter writer = database.beginWrite(table, SALES);
                VectorSchemaRoot batch = Batches.root(SALES, allocator, rows)) {
            writer.append(batch);
            return writer.commit();
        }
    }

    private List<List<Object>> readAll(Snapshot snapshot) {
        return Batches.readAll(snapshot, allocator);
    }

    private static List<List<Object>> salesRows(int first, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            boolean empty = i % 3 == 2;
            rows.add(row(
                    (long) i,
                    empty ? null : (i % 2 == 0 ? "서울" : ""),
                    empty ? null : BigDecimal.valueOf(i * 125L, 2),
                    empty ? null : LocalDate.of(2024, 1, 1).plusDays(i),
                    empty ? null : LocalDateTime.of(2024, 1, 1, 8, 0).plusSeconds(i),
                    empty ? null : i % 2 == 0,
                    empty ? null : i * 10,
                    empty ? null : i / 4.0));
        }
        return rows;
    }

    private static List<Path> files(Path directory, String suffix) throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(path -> path.toString().endsWith(suffix)).toList();
        }
    }
}
