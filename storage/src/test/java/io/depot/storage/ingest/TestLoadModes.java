package io.depot.storage.ingest;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.segment.ZoneMap;
import io.depot.storage.table.Snapshot;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestLoadModes extends LoaderTestSupport {
    private static final LoadOptions APPEND = LoadOptions.defaults();

    private LoadResult load(Path file, LoadOptions options) {
        return CsvLoader.load(database, "events", List.of(file), CsvOptions.defaults(), options);
    }

    private static LoadOptions replace(String partition) {
        return APPEND.withMode(LoadMode.REPLACE).withPartition(PartitionSpec.parse(partition));
    }

    @Test
    void partitionKeyBecomesATypedColumnAndASegmentLabel() throws IOException {
        Path day1 = file("day1.csv", "id,name\n1,a\n2,b\n");

        LoadResult result = load(day1, APPEND.withPartition(PartitionSpec.parse("dt=2024-01-01")));

        assertThat(result.partition()).isEqualTo(new PartitionSpec("dt", "2024-01-01"));
        Snapshot snapshot = snapshot("events");
        assertThat(snapshot.schema()).isEqualTo(TableSchema.of(Column.nullable("id", ColumnType.BIGINT),
                Column.nullable("name", ColumnType.VARCHAR), Column.nullable("dt", ColumnType.DATE)));
        assertThat(rows("events")).containsExactly(row(1L, "a", LocalDate.of(2024, 1, 1)), row(2L, "b", LocalDate.of(2024, 1, 1)));
        assertThat(snapshot.segmentPartition(0)).isEqualTo("dt=2024-01-01");
        // The partition column has zone maps like any other, so a scan can skip other days.
        assertThat(snapshot.segmentZoneMap(0, 2)).isEqualTo(new ZoneMap(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1), 0));
    }

    @Test
    void repeatedReplaceLoadsLeaveExactlyOneCopy() throws IOException {
        Path day1 = file("day1.csv", "id,name\n1,a\n2,b\n");
        Path day2 = file("day2.csv", "id,name\n3,c\n");
        load(day2, APPEND.withPartition(PartitionSpec.parse("dt=2024-01-02")));

        for (int run = 0; run < 5; run++) {
            LoadResult result = load(day1, replace("dt=2024-01-01"));
            assertThat(result.rowsReplaced()).isEqualTo(run == 0 ? 0 : 2);
        }

        assertThat(rows("events")).containsExactlyInAnyOrder(
                row(3L, "c", LocalDate.of(2024, 1, 2)),
                row(1L, "a", LocalDate.of(2024, 1, 1)),
                row(2L, "b", LocalDate.of(2024, 1, 1)));
        assertThat(snapshot("events").segmentCount()).isEqualTo(2);
        assertThat(snapshot("events").version()).isEqualTo(6);
    }

    @Test
    void replaceSwapsThePartitionsRowsInOneCommit() throws IOException {
        load(file("v1.csv", "id,name\n1,old\n2,old\n"), replace("dt=2024-01-01"));
        Snapshot before = snapshot("events");

        load(file("v2.csv", "id,name\n1,new\n"), replace("DT=2024-01-01"));

        assertThat(rows("events")).containsExactly(row(1L, "new", LocalDate.of(2024, 1, 1)));
        // The earlier snapshot still reads the old rows: the swap is a new version, not an edit.
        assertThat(before.rowCount()).isEqualTo(2);
        assertThat(snapshot("events").version()).isEqualTo(before.version() + 1);
    }

    @Test
    void failedReplaceKeepsTheOldPartition() throws IOException {
        load(file("v1.csv", "id,name\n1,old\n"), replace("dt=2024-01-01"));

        assertThatThrownBy(() -> load(file("bad.csv", "id,name\nx,new\n"), replace("dt=2024-01-01")))
                .hasMessage("bad.csv line 2, column[id]: cannot read 'x' as BIGINT");

        assertThat(rows("events")).containsExactly(row(1L, "old", LocalDate.of(2024, 1, 1)));
    }

    @Test
    void overwriteReplacesTheWholeTable() throws IOException {
        load(file("a.csv", "id,name\n1,a\n2,b\n"), APPEND);
        load(file("b.csv", "id,name\n3,c\n"), APPEND);

        LoadResult result = load(file("c.csv", "id,name\n9,z\n"), APPEND.withMode(LoadMode.OVERWRITE));

        assertThat(result.rowsReplaced()).isEqualTo(3);
        assertThat(rows("events")).containsExactly(row(9L, "z"));
    }

    @Test
    void replaceNeedsAPartitionAndThePartitionNeedsAColumn() throws IOException {
        Path data = file("a.csv", "id,name\n1,a\n");
        assertThatThrownBy(() -> load(data, APPEND.withMode(LoadMode.REPLACE)))
                .hasMessageContaining("Mode replace replaces one partition; name it with --partition key=value");
        load(data, APPEND);
        assertThatThrownBy(() -> load(data, replace("dt=2024-01-01")))
                .hasMessage("Table[events] has no column[dt] to hold the partition key");
        Path withKey = file("dt.csv", "id,dt\n1,x\n");
        assertThatThrownBy(() -> CsvLoader.load(database, "other", List.of(withKey), CsvOptions.defaults(),
                APPEND.withPartition(PartitionSpec.parse("dt=1"))))
                .hasMessage("The input has a column[dt], which is also the partition key; the partition gives its value");
        assertThatThrownBy(() -> PartitionSpec.parse("dt")).hasMessageContaining("must look like key=value");
    }

    @Test
    void partitionValueMustFitTheColumnType() throws IOException {
        load(file("a.csv", "id,name\n1,a\n"), replace("dt=2024-01-01"));

        assertThatThrownBy(() -> load(file("b.csv", "id,name\n2,b\n"), replace("dt=yesterday")))
                .hasMessage("Partition value 'yesterday' is not a valid DATE for column[dt] of table[events]");
        assertThat(rows("events")).hasSize(1);
    }
}
