package io.depot.storage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Loads split into many small chunks give exactly what one sequential read gives. */
class TestParallelCsvLoad extends LoaderTestSupport {
    private static final long TINY_CHUNKS = 64;
    private static final long NO_SPLIT = Long.MAX_VALUE;

    /** Rows with quoted multi-line fields, escaped quotes, CRLF line ends and Korean text. */
    private static String mixedData(int rows) {
        StringBuilder text = new StringBuilder("id,amount,note\r\n");
        for (int i = 1; i <= rows; i++) {
            String note = switch (i % 4) {
                case 0 -> "\"line one\nline two, 서울\"";
                case 1 -> "\"say \"\"hi\"\"\"";
                case 2 -> "부산";
                default -> "";
            };
            text.append(i).append(',').append(i % 7 == 0 ? "" : i + ".5").append(',').append(note).append("\r\n");
        }
        return text.toString();
    }

    @Test
    void chunkedLoadMatchesSequentialLoad() throws IOException {
        Path data = file("data.csv", mixedData(500));
        assertThat(CsvSplitter.split(data, CsvOptions.defaults(), TINY_CHUNKS)).hasSizeGreaterThan(50);

        LoadResult chunked = CsvLoader.load(database, "chunked", List.of(data), CsvOptions.defaults(),
                LoadOptions.defaults(), TINY_CHUNKS);
        LoadResult sequential = CsvLoader.load(database, "sequential", List.of(data), CsvOptions.defaults(),
                LoadOptions.defaults(), NO_SPLIT);

        assertThat(chunked.rowsLoaded()).isEqualTo(500);
        assertThat(snapshot("chunked").schema()).isEqualTo(snapshot("sequential").schema());
        assertThat(snapshot("chunked").schema().column(1).type()).isEqualTo(ColumnType.decimal(4, 1));
        assertThat(rows("chunked")).isEqualTo(rows("sequential"));
        assertThat(rows("chunked").get(3).get(2)).isEqualTo("line one\nline two, 서울");
        assertThat(rows("chunked").get(499).get(0)).isEqualTo(500L);
        assertThat(sequential.rowsLoaded()).isEqualTo(500);
    }

    @Test
    void replacingAPartitionFromChunksFillsThePartitionColumnAndLeavesOneCopy() throws IOException {
        Path data = file("data.csv", mixedData(400));
        LoadOptions replace = LoadOptions.defaults().withMode(LoadMode.REPLACE)
                .withPartition(PartitionSpec.parse("dt=2024-01-01"));

        for (int i = 0; i < 3; i++) {
            CsvLoader.load(database, "t", List.of(data), CsvOptions.defaults(), replace, TINY_CHUNKS);
        }

        List<List<Object>> rows = rows("t");
        assertThat(rows).hasSize(400);
        assertThat(rows).allSatisfy(row -> assertThat(row.get(3)).isEqualTo(java.time.LocalDate.of(2024, 1, 1)));
        assertThat(rows.get(399).get(0)).isEqualTo(400L);
    }

    @Test
    void inferenceSeesTheLastChunk() throws IOException {
        StringBuilder text = new StringBuilder("id,code\n");
        for (int i = 1; i <= 300; i++) {
            text.append(i).append(',').append(i == 300 ? "12.25" : Integer.toString(i)).append('\n');
        }
        text.append("301,x1\n");
        Path data = file("data.csv", text.toString());

        CsvLoader.load(database, "t", List.of(data), CsvOptions.defaults(), LoadOptions.defaults(), TINY_CHUNKS);

        assertThat(snapshot("t").schema().column(0).type()).isEqualTo(ColumnType.BIGINT);
        assertThat(snapshot("t").schema().column(1).type()).isEqualTo(ColumnType.VARCHAR);
        assertThat(rows("t").get(299)).containsExactly(300L, "12.25");
    }

    @Test
    void errorsNameTheFileLineAcrossChunks() throws IOException {
        String text = mixedData(400) + "401,oops,last\r\n";
        Path data = file("data.csv", text);
        // header + 400 rows of which 100 take two lines: line 502
        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(data), CsvOptions.defaults().withSchema(schema()),
                LoadOptions.defaults(), TINY_CHUNKS))
                .isInstanceOf(DepotException.class)
                .hasMessageStartingWith("data.csv line 502, column[amount]");
        assertThat(database.table("t")).isEmpty();
        assertThat(sequentialMessage(data)).startsWith("data.csv line 502, column[amount]");
    }

    private String sequentialMessage(Path data) {
        try {
            CsvLoader.load(database, "t", List.of(data), CsvOptions.defaults().withSchema(schema()), LoadOptions.defaults(),
                    NO_SPLIT);
            return "loaded";
        } catch (DepotException e) {
            return e.getMessage();
        }
    }

    @Test
    void theErrorBudgetCountsRejectsOfAllChunksInFileOrder() throws IOException {
        StringBuilder text = new StringBuilder("id,amount,note\n");
        for (int i = 1; i <= 300; i++) {
            text.append(i).append(',').append(i % 100 == 0 ? "bad" : "1.5").append(",n\n");
        }
        Path data = file("data.csv", text.toString());
        Path rejects = directory.resolve("rejects.csv");
        CsvOptions options = CsvOptions.defaults().withSchema(schema());

        LoadResult result = CsvLoader.load(database, "t", List.of(data), options,
                LoadOptions.defaults().withMaxErrors(3).withRejectsFile(rejects), TINY_CHUNKS);

        assertThat(result.rowsLoaded()).isEqualTo(297);
        assertThat(result.rowsRejected()).isEqualTo(3);
        assertThat(Files.readAllLines(rejects, StandardCharsets.UTF_8)).containsExactly(
                "file,line,column,value,reason",
                "data.csv,101,amount,bad,\"cannot read 'bad' as DECIMAL(10,2)\"",
                "data.csv,201,amount,bad,\"cannot read 'bad' as DECIMAL(10,2)\"",
                "data.csv,301,amount,bad,\"cannot read 'bad' as DECIMAL(10,2)\"");

        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(data), options,
                LoadOptions.defaults().withMaxErrors(2), TINY_CHUNKS))
                .hasMessageStartingWith("More than 2 rows rejected (the error budget, --max-errors); the last: "
                        + "data.csv line 301, column[amount]");
        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(data), options, LoadOptions.defaults(), TINY_CHUNKS))
                .hasMessageStartingWith("data.csv line 101, column[amount]");
        assertThat(snapshot("t").rowCount()).isEqualTo(297);
    }

    @Test
    void progressCountsEveryByteOncePerPassInBothReadPaths() throws IOException {
        Path data = file("data.csv", mixedData(300));
        long size = Files.size(data);
        for (long chunkBytes : new long[] {TINY_CHUNKS, NO_SPLIT}) {
            List<String> passes = new ArrayList<>();
            Map<String, Long> bytesByPass = new HashMap<>();
            LoadProgress recording = new LoadProgress() {
                @Override
                public void bytesRead(long bytes) {
                    bytesByPass.merge(passes.get(passes.size() - 1), bytes, Long::sum);
                }

                @Override
                public void passStarted(String pass, long totalBytes) {
                    passes.add(pass);
                    assertThat(totalBytes).isEqualTo(size);
                }
            };
            CsvLoader.load(database, "t" + (chunkBytes == NO_SPLIT ? "whole" : "chunked"), List.of(data),
                    CsvOptions.defaults(), LoadOptions.defaults().withProgress(recording), chunkBytes);
            assertThat(passes).containsExactly("Inferring types", "Loading");
            assertThat(bytesByPass).containsExactlyInAnyOrderEntriesOf(
                    Map.of("Inferring types", size, "Loading", size));
        }
        AtomicLong given = new AtomicLong();
        CsvLoader.load(database, "given", List.of(data), CsvOptions.defaults().withSchema(schema()),
                LoadOptions.defaults().withProgress(given::addAndGet), TINY_CHUNKS);
        assertThat(given.get()).isEqualTo(Files.size(data));
    }

    private static TableSchema schema() {
        return TableSchema.of(Column.nullable("id", ColumnType.BIGINT), Column.nullable("amount", ColumnType.decimal(10, 2)),
                Column.nullable("note", ColumnType.VARCHAR));
    }
}
