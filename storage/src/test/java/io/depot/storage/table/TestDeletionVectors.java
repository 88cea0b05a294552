package io.depot.storage.table;

import static io.depot.storage.testing.Batches.row;
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
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class TestDeletionVectors extends AllocatorTest {
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("city", ColumnType.VARCHAR));
    private static final String[] CITIES = {"서울", "", "부산"};

    @TempDir
    Path directory;

    @Test
    void deletedRowsVanishFromNewSnapshotsOnly() {
        try (Database database = Database.open(directory)) {
            database.setSegmentRowLimit(40);
            append(database, 0, 100);
            Snapshot before = database.table("t").orElseThrow().snapshot();
            assertThat(before.segmentCount()).isEqualTo(3);

            try (TableWriter writer = database.beginWrite("t", null)) {
                writer.delete(before.segmentId(0), RoaringBitmap.bitmapOf(0, 5, 39));
                writer.delete(before.segmentId(2), RoaringBitmap.bitmapOf(19));
                writer.delete(before.segmentId(0), RoaringBitmap.bitmapOf(5, 6));
                writer.commit();
            }
            Snapshot after = database.table("t").orElseThrow().snapshot();
            List<List<Object>> expected = rows(0, 100);
            expected.removeIf(row -> List.of(0L, 5L, 6L, 39L, 99L).contains(row.get(0)));
            assertThat(Batches.readAll(after, allocator)).isEqualTo(expected);
            assertThat(after.rowCount()).isEqualTo(95);
            assertThat(after.statistics().rowCount()).isEqualTo(95);
            assertThat(after.segmentRowCount(0)).isEqualTo(36);
            assertThat(after.segmentDeletedRowCount(0)).isEqualTo(4);

            // The pinned older snapshot still sees every row.
            assertThat(before.rowCount()).isEqualTo(100);
            assertThat(Batches.readAll(before, allocator)).isEqualTo(rows(0, 100));

            // Deletes accumulate across commits, and survive a reopen.
            try (TableWriter writer = database.beginWrite("t", null)) {
                writer.delete(after.segmentId(1), RoaringBitmap.bitmapOfRange(0, 10));
                writer.commit();
            }
            expected.removeIf(row -> (Long) row.get(0) >= 40 && (Long) row.get(0) < 50);
        }
        try (Database database = Database.open(directory)) {
            Snapshot reopened = database.table("t").orElseThrow().snapshot();
            assertThat(Batches.readAll(reopened, allocator)).isEqualTo(rowsWithout(rows(0, 100),
                    List.of(0L, 5L, 6L, 39L, 99L, 40L, 41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L)));
            assertThat(reopened.rowCount()).isEqualTo(85);
        }
    }

    @Test
    void deletingEveryRowOfASegmentRemovesIt() {
        try (Database database = Database.open(directory)) {
            database.setSegmentRowLimit(40);
            append(database, 0, 60);
            Snapshot before = database.table("t").orElseThrow().snapshot();
            try (TableWriter writer = database.beginWrite("t", null)) {
                writer.delete(before.segmentId(1), RoaringBitmap.bitmapOfRange(0, 20));
                writer.commit();
            }
            Snapshot after = database.table("t").orElseThrow().snapshot();
            assertThat(after.segmentCount()).isEqualTo(1);
            assertThat(Batches.readAll(after, allocator)).isEqualTo(rows(0, 40));
        }
    }

    @Test
    void refusesRowsBeyondTheSegmentAndUnknownSegments() {
        try (Database database = Database.open(directory)) {
            append(database, 0, 10);
            Snapshot snapshot = database.table("t").orElseThrow().snapshot();
            try (TableWriter writer = database.beginWrite("t", null)) {
                assertThatThrownBy(() -> writer.delete(snapshot.segmentId(0), RoaringBitmap.bitmapOf(10)))
                        .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                        .hasMessageContaining("it has 10 rows");
                assertThatThrownBy(() -> writer.delete("seg-9-nothing.dseg", RoaringBitmap.bitmapOf(1)))
                        .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                        .hasMessage("Table[t] version[1] has no segment[seg-9-nothing.dseg]");
            }
        }
    }

    @Test
    void damagedDeletionVectorIsCorruption() throws IOException {
        try (Database database = Database.open(directory)) {
            append(database, 0, 10);
            Snapshot snapshot = database.table("t").orElseThrow().snapshot();
            try (TableWriter writer = database.beginWrite("t", null)) {
                writer.delete(snapshot.segmentId(0), RoaringBitmap.bitmapOf(3));
                writer.commit();
            }
            Path vector;
            try (Stream<Path> files = Files.list(directory.resolve("tables/t"))) {
                vector = files.filter(file -> file.toString().endsWith(".ddel")).findFirst().orElseThrow();
            }
            try (RandomAccessFile raw = new RandomAccessFile(vector.toFile(), "rw")) {
                raw.seek(raw.length() - 1);
                int value = raw.read();
                raw.seek(raw.length() - 1);
                raw.write(value ^ 1);
            }
            Snapshot damaged = database.table("t").orElseThrow().snapshot();
            assertThatThrownBy(() -> damaged.openSegment(0))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                    .hasMessage("Deletion vector[" + vector + "] failed its checksum");
        }
    }

    @Test
    void compactionMergesSmallSegmentsAndDropsDeletedRows() {
        try (Database database = Database.open(directory)) {
            database.setSegmentRowLimit(1000);
            for (int load = 0; load < 5; load++) {
                append(database, load * 30, load * 30 + 30);
            }
            append(database, 150, 1300);
            Snapshot loaded = database.table("t").orElseThrow().snapshot();
            assertThat(loaded.segmentCount()).isEqualTo(7);
            try (TableWriter writer = database.beginWrite("t", null)) {
                writer.delete(loaded.segmentId(1), RoaringBitmap.bitmapOf(0, 29));
                writer.commit();
            }

            assertThat(database.compact("t", 200)).isEqualTo(6);
            Snapshot compacted = database.table("t").orElseThrow().snapshot();
            // The 1,000-row segment stays; the five small ones and the 150-row tail merge.
            List<List<Object>> expected = rowsWithout(rows(0, 1300), List.of(30L, 59L));
            assertThat(compacted.rowCount()).isEqualTo(1298);
            assertThat(compacted.segmentCount()).isEqualTo(2);
            assertThat(compacted.segmentDeletedRowCount(0) + compacted.segmentDeletedRowCount(1)).isZero();
            List<List<Object>> read = Batches.readAll(compacted, allocator);
            assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(Batches.readAll(loaded, allocator)).isEqualTo(rows(0, 1300));
            assertThat(database.compact("t", 200)).isZero();
        }
    }

    private void append(Database database, int from, int to) {
        try (TableWriter writer = database.beginWrite("t", SCHEMA);
                VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, rows(from, to))) {
            writer.append(batch);
            writer.commit();
        }
    }

    private static List<List<Object>> rows(int from, int to) {
        List<List<Object>> rows = new ArrayList<>();
        for (int id = from; id < to; id++) {
            rows.add(row((long) id, id % 7 == 0 ? null : CITIES[id % CITIES.length]));
        }
        return rows;
    }

    private static List<List<Object>> rowsWithout(List<List<Object>> rows, List<Long> ids) {
        List<List<Object>> kept = new ArrayList<>(rows);
        kept.removeIf(row -> ids.contains(row.get(0)));
        return kept;
    }
}
