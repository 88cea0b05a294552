package io.depot.storage.table;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class TestVacuum extends AllocatorTest {
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("city", ColumnType.VARCHAR));

    @TempDir
    Path directory;

    @Test
    void removesVersionsBeyondTheNewestAndTheFilesOnlyTheyUsed() throws IOException {
        try (Database database = Database.open(directory)) {
            for (int version = 1; version <= 5; version++) {
                replace(database, version * 100, version * 100 + 10);
            }
            awaitUnpinned(database, List.of(1L, 2L, 3L, 4L));
            Path table = directory.resolve("tables/t");
            assertThat(files(table, ".dseg")).hasSize(5);
            long before = directorySize(table);

            VacuumResult result = database.vacuum("t", RetentionPolicy.keepLast(2));

            assertThat(result.removedVersions()).containsExactly(1L, 2L, 3L);
            assertThat(result.deletedFiles()).isEqualTo(6);
            assertThat(result.freedBytes()).isEqualTo(before - directorySize(table));
            assertThat(files(table, ".json")).containsExactly(TableDirectory.manifestName(4),
                    TableDirectory.manifestName(5));
            assertThat(files(table, ".dseg")).hasSize(2).allMatch(name -> name.startsWith("seg-4-")
                    || name.startsWith("seg-5-"));
            assertThat(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator))
                    .isEqualTo(rows(500, 510));
            // Nothing more to do.
            assertThat(database.vacuum("t", RetentionPolicy.keepLast(2)).deletedFiles()).isZero();
        }
    }

    @Test
    void aSnapshotPinnedInThisProcessKeepsReadingWhileVacuumRuns() {
        try (Database database = Database.open(directory)) {
            replace(database, 0, 50);
            Snapshot pinned = database.table("t").orElseThrow().snapshot();
            try (SegmentReader openBefore = pinned.openSegment(0)) {
                for (int version = 2; version <= 4; version++) {
                    replace(database, version * 100, version * 100 + 10);
                }
                awaitUnpinned(database, List.of(2L, 3L));

                VacuumResult result = database.vacuum("t", RetentionPolicy.keepLast(1));

                assertThat(result.removedVersions()).containsExactly(2L, 3L);
                // The reader opened before and new readers of the pinned version both still work.
                try (VectorSchemaRoot block = openBefore.readBlock(0, new int[] {0, 1}, allocator)) {
                    assertThat(Batches.rows(block, SCHEMA)).isEqualTo(rows(0, 50));
                }
                assertThat(Batches.readAll(pinned, allocator)).isEqualTo(rows(0, 50));
                assertThat(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator))
                        .isEqualTo(rows(400, 410));
            }
            assertThat(pinned.version()).isEqualTo(1);
        }
    }

    @Test
    void keepsVersionsNewerThanTheRetentionPeriod() {
        try (Database database = Database.open(directory)) {
            for (int version = 1; version <= 3; version++) {
                replace(database, version * 100, version * 100 + 10);
            }
            awaitUnpinned(database, List.of(1L, 2L));
            VacuumResult result = database.vacuum("t", new RetentionPolicy(1, Duration.ofHours(1)));
            assertThat(result.removedVersions()).isEmpty();
            assertThat(result.deletedFiles()).isZero();
            assertThat(database.vacuum("t", RetentionPolicy.DEFAULT).deletedFiles()).isZero();
            assertThat(database.vacuum("t", new RetentionPolicy(1, Duration.ZERO)).removedVersions())
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void removesDeletionVectorsThatLaterDeletesReplaced() throws IOException {
        try (Database database = Database.open(directory)) {
            replace(database, 0, 20);
            for (int row = 0; row < 3; row++) {
                Snapshot snapshot = database.table("t").orElseThrow().snapshot();
                try (TableWriter writer = database.beginWrite("t", null)) {
                    writer.delete(snapshot.segmentId(0), RoaringBitmap.bitmapOf(row));
                    writer.commit();
                }
            }
            awaitUnpinned(database, List.of(1L, 2L, 3L));
            Path table = directory.resolve("tables/t");
            assertThat(files(table, ".ddel")).hasSize(3);

            VacuumResult result = database.vacuum("t", RetentionPolicy.keepLast(1));

            assertThat(result.removedVersions()).containsExactly(1L, 2L, 3L);
            // Three manifests and two superseded deletion vectors; the segment is still in use.
            assertThat(result.deletedFiles()).isEqualTo(5);
            assertThat(files(table, ".ddel")).hasSize(1);
            assertThat(files(table, ".dseg")).hasSize(1);
            List<List<Object>> expected = rows(0, 20);
            expected.subList(0, 3).clear();
            assertThat(Batches.readAll(database.table("t").orElseThrow().snapshot(), allocator)).isEqualTo(expected);
        }
    }

    @Test
    void isRefusedWhileAWriterIsOpenAndForUnknownTablesOrPolicies() {
        try (Database database = Database.open(directory)) {
            replace(database, 0, 10);
            try (TableWriter writer = database.beginWrite("t", null)) {
                assertThatThrownBy(() -> database.vacuum("t", RetentionPolicy.DEFAULT))
                        .isInstanceOfSatisfying(DepotException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
            }
            assertThatThrownBy(() -> database.vacuum("missing", RetentionPolicy.DEFAULT))
                    .hasMessage("Table[missing] does not exist");
            assertThatThrownBy(() -> RetentionPolicy.keepLast(0))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER));
            assertThatThrownBy(() -> new RetentionPolicy(1, Duration.ofSeconds(-1)))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER));
        }
    }

    /**
     * Snapshots pin their version while reachable; the ones the test no longer holds go with the
     * next garbage collection. Waits (bounded) until none of these versions is pinned.
     */
    private static void awaitUnpinned(Database database, List<Long> versions) {
        Path table = database.directory().resolve("tables/t");
        for (int attempt = 0; attempt < 100; attempt++) {
            if (SnapshotPins.pinnedVersions(table).stream().noneMatch(versions::contains)) {
                return;
            }
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("versions " + versions + " stay pinned: " + SnapshotPins.pinnedVersions(table));
    }

    private void replace(Database database, int from, int to) {
        try (TableWriter writer = database.beginReplace("t", SCHEMA);
                VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, rows(from, to))) {
            writer.append(batch);
            writer.commit();
        }
    }

    private static List<List<Object>> rows(int from, int to) {
        List<List<Object>> rows = new ArrayList<>();
        for (int id = from; id < to; id++) {
            rows.add(row((long) id, id % 7 == 0 ? null : id % 2 == 0 ? "서울" : "부산"));
        }
        return rows;
    }

    private static List<String> files(Path table, String suffix) throws IOException {
        try (Stream<Path> listing = Files.list(table)) {
            return listing.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(suffix)).sorted()
                    .toList();
        }
    }

    private static long directorySize(Path table) throws IOException {
        try (Stream<Path> listing = Files.list(table)) {
            return listing.mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
