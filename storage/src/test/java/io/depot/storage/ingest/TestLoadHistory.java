package io.depot.storage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestLoadHistory extends LoaderTestSupport {
    private Path rowsFile(String name, int rows) throws IOException {
        StringBuilder text = new StringBuilder("id\n");
        for (int i = 0; i < rows; i++) {
            text.append(i).append('\n');
        }
        return file(name, text.toString());
    }

    @Test
    void everyLoadIsRecordedSuccessOrFailure() throws IOException {
        Path good = file("good.csv", "id,name\n1,a\n2,b\n");
        Path bad = file("bad.csv", "id,name\nx,c\n");
        CsvLoader.load(database, "t", List.of(good), CsvOptions.defaults(),
                LoadOptions.defaults().withPartition(PartitionSpec.parse("dt=2024-01-01")).withMode(LoadMode.REPLACE));
        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(bad), CsvOptions.defaults(),
                LoadOptions.defaults().withPartition(PartitionSpec.parse("dt=2024-01-02"))));

        List<LoadRecord> history = history();
        assertThat(history).hasSize(2);
        LoadRecord first = history.get(0);
        assertThat(first.tableName()).isEqualTo("t");
        assertThat(first.partitionSpec()).isEqualTo("dt=2024-01-01");
        assertThat(first.source()).isEqualTo(good.toString());
        assertThat(first.mode()).isEqualTo("replace");
        assertThat(first.rowsLoaded()).isEqualTo(2);
        assertThat(first.bytes()).isEqualTo(Files.size(good));
        assertThat(first.status()).isEqualTo(LoadRecord.OK);
        assertThat(first.error()).isNull();
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.finishedAt()).isAfterOrEqualTo(first.startedAt());
        LoadRecord second = history.get(1);
        assertThat(second.status()).isEqualTo(LoadRecord.FAILED);
        assertThat(second.mode()).isEqualTo("append");
        assertThat(second.partitionSpec()).isEqualTo("dt=2024-01-02");
        assertThat(second.error()).isEqualTo("bad.csv line 2, column[id]: cannot read 'x' as BIGINT");
        assertThat(second.rowsLoaded()).isZero();
    }

    @Test
    void tornAndCorruptLinesAreSkippedAndLaterAppendsStillRead() throws IOException {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        LoadHistory.append(database.directory(), new LoadRecord("a", null, "a.csv", "append", 1, 0, 10, now, now,
                LoadRecord.OK, null, 1, null));
        Path log = database.directory().resolve(LoadHistory.FILE_NAME);
        // A crash in the middle of an append: half a line, no newline.
        String whole = Files.readString(log, StandardCharsets.UTF_8);
        Files.writeString(log, whole.substring(0, whole.length() / 2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        // A flipped byte in a complete line fails its checksum.
        Files.writeString(log, "\n" + whole.replace("a.csv", "b.csv").substring(0), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        LoadHistory.append(database.directory(), new LoadRecord("서울", "k=v", "c.csv", "overwrite", 3, 1, 30, now, now,
                LoadRecord.FAILED, "boom", 0, null));

        List<LoadRecord> history = history();
        assertThat(history).extracting(LoadRecord::source).containsExactly("a.csv", "c.csv");
        assertThat(history.get(1)).isEqualTo(new LoadRecord("서울", "k=v", "c.csv", "overwrite", 3, 1, 30, now, now,
                LoadRecord.FAILED, "boom", 0, null));
    }

    @Test
    void rowCountAnomalyWarnsOrFails() throws IOException {
        for (int i = 0; i < 5; i++) {
            LoadResult normal = CsvLoader.load(database, "daily", List.of(rowsFile("d" + i + ".csv", 100 + i)),
                    CsvOptions.defaults());
            assertThat(normal.warnings()).isEmpty();
        }

        LoadResult small = CsvLoader.load(database, "daily", List.of(rowsFile("small.csv", 10)), CsvOptions.defaults());

        assertThat(small.warnings()).containsExactly("Row count anomaly: 10 rows is -90% against the median of 102 rows "
                + "of the last 5 successful loads of table[daily] (threshold ±50%)");
        assertThat(history().get(5).warning()).isEqualTo(small.warnings().get(0));

        long before = snapshot("daily").rowCount();
        Path huge = rowsFile("huge.csv", 1000);
        assertThatThrownBy(() -> CsvLoader.load(database, "daily", List.of(huge), CsvOptions.defaults(),
                LoadOptions.defaults().withFailOnAnomaly(true)))
                .hasMessageStartingWith("Row count anomaly: 1,000 rows is +880% against the median of 102 rows")
                .hasMessageEndingWith("nothing was loaded (--fail-on-anomaly)");
        assertThat(snapshot("daily").rowCount()).isEqualTo(before);
        // A wider threshold lets the same load through.
        LoadResult allowed = CsvLoader.load(database, "daily", List.of(huge), CsvOptions.defaults(),
                LoadOptions.defaults().withFailOnAnomaly(true).withMaxRowChange(10));
        assertThat(allowed.warnings()).isEmpty();
    }

    @Test
    void rowCountCheckUsesTheMedianOfTheLastFiveSuccessfulLoadsOfTheTable() {
        Instant now = Instant.now();
        List<LoadRecord> history = List.of(
                record("t", 1_000_000, LoadRecord.OK, now),
                record("t", 10, LoadRecord.OK, now),
                record("t", 20, LoadRecord.OK, now),
                record("other", 5, LoadRecord.OK, now),
                record("t", 30, LoadRecord.FAILED, now),
                record("t", 40, LoadRecord.OK, now),
                record("T", 50, LoadRecord.OK, now),
                record("t", 60, LoadRecord.OK, now));
        // last five OK loads of t: 60, 50, 40, 20, 10 -> median 40
        assertThat(RowCountCheck.check(history, "t", 60, 0.5)).isEmpty();
        assertThat(RowCountCheck.check(history, "t", 61, 0.5)).isPresent();
        assertThat(RowCountCheck.check(history, "t", 19, 0.5)).isPresent();
        assertThat(RowCountCheck.check(history, "new", 1, 0.5)).isEmpty();
    }

    private static LoadRecord record(String table, long rows, String status, Instant now) {
        return new LoadRecord(table, null, "x", "append", rows, 0, 0, now, now, status, null, 0, null);
    }
}
