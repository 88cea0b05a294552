package io.depot.storage.table;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.segment.ZoneMap;
import io.depot.storage.statistics.ColumnStatistics;
import io.depot.storage.statistics.TableStatistics;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTableStatistics extends AllocatorTest {
    private static final TableSchema EVENTS = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("city", ColumnType.VARCHAR),
            Column.nullable("amount", ColumnType.decimal(10, 2)),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("flag", ColumnType.BOOLEAN),
            Column.nullable("ratio", ColumnType.DOUBLE));
    private static final String[] CITIES = {"서울", "부산", "대구", "Zürich", ""};

    @TempDir
    Path directory;


    @Test
    void statisticsCoverEverySegmentOfEveryCommit() {
        List<List<Object>> first = rows(0, 2_500);
        List<List<Object>> second = rows(2_500, 1_500);
        try (Database database = Database.open(directory)) {
            database.setSegmentRowLimit(1_000);
            write(database, first);
            write(database, second);
            Snapshot snapshot = database.table("events").orElseThrow().snapshot();
            assertThat(snapshot.segmentCount()).isEqualTo(5);
            checkSegmentZoneMaps(snapshot);
            checkTableStatistics(snapshot.statistics());
        }
        try (Database database = Database.open(directory)) {
            Snapshot reopened = database.table("events").orElseThrow().snapshot();
            checkSegmentZoneMaps(reopened);
            checkTableStatistics(reopened.statistics());
        }
    }

    /** Statements reuse the statistics of an unchanged manifest; a commit brings new ones. */
    @Test
    void statisticsAreComputedOncePerCommittedManifest() {
        try (Database database = Database.open(directory)) {
            database.setSegmentRowLimit(1_000);
            write(database, rows(0, 2_500));
            Table table = database.table("events").orElseThrow();
            TableStatistics first = table.snapshot().statistics();
            assertThat(table.snapshot().statistics()).isSameAs(first);
            write(database, rows(2_500, 1_500));
            TableStatistics afterCommit = table.snapshot().statistics();
            assertThat(afterCommit).isNotSameAs(first);
            checkTableStatistics(afterCommit);
        }
    }

    @Test
    void emptyTableHasEmptyStatistics() {
        try (Database database = Database.open(directory)) {
            write(database, List.of());
            TableStatistics statistics = database.table("events").orElseThrow().snapshot().statistics();
            assertThat(statistics.rowCount()).isZero();
            assertThat(statistics.columns()).hasSize(EVENTS.size())
                    .allSatisfy(column -> assertThat(column).isEqualTo(new ColumnStatistics(0, null, null, 0)));
        }
    }

    @Test
    void damagedStatisticsInTheManifestAreCorruption() throws IOException {
        try (Database database = Database.open(directory)) {
            write(database, rows(0, 10));
        }
        Path manifest = directory.resolve("tables/events").resolve(TableDirectory.manifestName(1));
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"nullCount\" : \\d+", "\"nullCount\" : -4"));
        try (Database database = Database.open(directory)) {
            assertThatThrownBy(() -> database.table("events").orElseThrow().snapshot())
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                    .hasMessageStartingWith("Manifest of table[events] version[1] has unreadable statistics: segment[");
        }
    }

    private void checkSegmentZoneMaps(Snapshot snapshot) {
        List<List<Object>> all = rows(0, 4_000);
        int firstRow = 0;
        for (int segment = 0; segment < snapshot.segmentCount(); segment++) {
            int rowCount = (int) snapshot.segmentRowCount(segment);
            try (SegmentReader reader = snapshot.openSegment(segment)) {
                for (int column = 0; column < EVENTS.size(); column++) {
                    ZoneMap expected = ZoneMap.empty();
                    for (List<Object> row : all.subList(firstRow, firstRow + rowCount)) {
                        Object value = row.get(column);
                        expected = expected.union(value == null ? new ZoneMap(null, null, 1) : new ZoneMap(value, value, 0));
                    }
                    assertThat(snapshot.segmentZoneMap(segment, column)).as("segment %d column %d", segment, column)
                            .isEqualTo(expected);
                    assertThat(reader.segmentZoneMap(column)).isEqualTo(expected);
                }
            }
            firstRow += rowCount;
        }
        // The first commit's flags are all NULL, so its segments have no flag bounds.
        assertThat(snapshot.segmentZoneMap(0, 4)).isEqualTo(new ZoneMap(null, null, 1_000));
        assertThat(snapshot.segmentZoneMap(4, 0)).isEqualTo(new ZoneMap(3_500L, 3_999L, 0));
    }

    private static void checkTableStatistics(TableStatistics statistics) {
        assertThat(statistics.rowCount()).isEqualTo(4_000);
        ColumnStatistics id = statistics.column(0);
        assertThat(id.nullCount()).isZero();
        assertThat(id.min()).isEqualTo(0L);
        assertThat(id.max()).isEqualTo(3_999L);
        assertThat((double) id.distinctCount()).isCloseTo(4_000, within(200.0));
        ColumnStatistics city = statistics.column(1);
        assertThat(city.nullCount()).isEqualTo(572);
        assertThat(city.min()).isEqualTo("");
        assertThat(city.max()).isEqualTo("서울");
        assertThat(city.distinctCount()).isEqualTo(5);
        ColumnStatistics amount = statistics.column(2);
        assertThat(amount.nullCount()).isZero();
        assertThat(amount.min()).isEqualTo(new BigDecimal("0.00"));
        assertThat(amount.max()).isEqualTo(new BigDecimal("123.75"));
        // Approximate: two of 100 values may share a register.
        assertThat(amount.distinctCount()).isBetween(97L, 103L);
        assertThat(statistics.column(3).min()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(statistics.column(3).max()).isEqualTo(LocalDate.of(2024, 1, 1).plusDays(3_999 / 100));
        assertThat(statistics.column(4)).isEqualTo(new ColumnStatistics(2_500, false, true, 2));
        ColumnStatistics ratio = statistics.column(5);
        assertThat(ratio.min()).isEqualTo(-0.0);
        assertThat(ratio.max()).isEqualTo(Double.NaN);
        assertThat((double) ratio.distinctCount()).isCloseTo(3_999, within(200.0));
    }

    private void write(Database database, List<List<Object>> rows) {
        try (TableWriter writer = database.beginWrite("events", EVENTS);
                VectorSchemaRoot batch = Batches.root(EVENTS, allocator, rows)) {
            writer.append(batch);
            writer.commit();
        }
    }

    private static List<List<Object>> rows(int first, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            rows.add(row(
                    (long) i,
                    i % 7 == 0 ? null : CITIES[i % CITIES.length],
                    BigDecimal.valueOf(i % 100 * 125L, 2),
                    LocalDate.of(2024, 1, 1).plusDays(i / 100),
                    i < 2_500 ? null : i % 2 == 0,
                    i == 1_234 ? Double.NaN : i == 0 ? -0.0 : i / 8.0));
        }
        return rows;
    }
}
