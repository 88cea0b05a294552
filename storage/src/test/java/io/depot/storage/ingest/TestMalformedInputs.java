package io.depot.storage.ingest;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The malformed-input corpus: each input fails with a message naming the file, the line and
 * (where there is one) the column, value and expected type, and the table keeps what it had.
 */
class TestMalformedInputs extends LoaderTestSupport {
    private static final List<List<Object>> BEFORE = List.of(row(1L, "서울", LocalDate.of(2024, 1, 1), 10L));

    @BeforeEach
    void loadGoodRows() throws IOException {
        CsvLoader.load(database, "t", List.of(file("good.csv", "id,city,day,n\n1,서울,2024-01-01,10\n")),
                CsvOptions.defaults());
    }

    private void assertFailsAndTableUnchanged(Path input, String message) {
        assertFailsAndTableUnchanged(input, CsvOptions.defaults(), message);
    }

    /** Bytes per parallel chunk of a file: the loader's default here (files of a few bytes stay whole). */
    long chunkBytes() {
        return CsvLoader.CHUNK_BYTES;
    }

    private void assertFailsAndTableUnchanged(Path input, CsvOptions options, String message) {
        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(input), options, LoadOptions.defaults(), chunkBytes()))
                .hasMessage(message);
        assertThat(rows("t")).isEqualTo(BEFORE);
        assertThat(snapshot("t").version()).isEqualTo(1);
    }

    @Test
    void truncatedFile() throws IOException {
        // Cut inside a quoted field: the file ends before the quote closes.
        assertFailsAndTableUnchanged(file("cut.csv", "id,city,day,n\n2,\"Bus"),
                "cut.csv line 2: has 2 fields, expected 4");
    }

    @Test
    void truncatedGzip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("id,city,day,n\n2,a,2024-01-02,3\n3,b,2024-01-03,4\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = bytes.toByteArray();
        Path cut = file("cut.csv.gz", Arrays.copyOf(whole, whole.length - 12));
        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(cut), CsvOptions.defaults()))
                .hasMessageStartingWith("Cannot read " + cut);
        assertThat(rows("t")).isEqualTo(BEFORE);
    }

    @Test
    void unbalancedQuote() throws IOException {
        assertFailsAndTableUnchanged(file("quote.csv", "id,city,day,n\n2,\"Busan,2024-01-02,3\n3,Ulsan,2024-01-03,4\n"),
                "quote.csv line 2: has 2 fields, expected 4");
    }

    @Test
    void wrongColumnCount() throws IOException {
        assertFailsAndTableUnchanged(file("count.csv", "id,city,day,n\n2,Busan,2024-01-02,3\n3,Ulsan,2024-01-03\n"),
                "count.csv line 3: has 3 fields, expected 4");
    }

    @Test
    void badDate() throws IOException {
        assertFailsAndTableUnchanged(file("date.csv", "id,city,day,n\n2,Busan,2024-02-30,3\n"),
                "date.csv line 2, column[day]: cannot read '2024-02-30' as DATE");
    }

    @Test
    void overflowingNumber() throws IOException {
        assertFailsAndTableUnchanged(file("big.csv", "id,city,day,n\n2,Busan,2024-01-02,99999999999999999999\n"),
                "big.csv line 2, column[n]: cannot read '99999999999999999999' as BIGINT");
    }

    @Test
    void invalidUtf8() throws IOException {
        byte[] bytes = "id,city,day,n\n2,X,2024-01-02,3\n".getBytes(StandardCharsets.UTF_8);
        bytes[16] = (byte) 0xFF;
        assertFailsAndTableUnchanged(file("bytes.csv", bytes),
                "bytes.csv line 2: bytes that are not valid UTF-8 (0xFF at byte offset 16); give the file's charset");
    }

    @Test
    void eucKrReadAsUtf8() throws IOException {
        byte[] bytes = "id,city,day,n\n2,부산,2024-01-02,3\n".getBytes(Charset.forName("EUC-KR"));
        assertFailsAndTableUnchanged(file("euckr.csv", bytes),
                "euckr.csv line 2: bytes that are not valid UTF-8 (0xBA at byte offset 16); give the file's charset");
        // Read with the right charset, the same file loads.
        CsvLoader.load(database, "t", List.of(directory.resolve("euckr.csv")),
                CsvOptions.defaults().withCharset(Charset.forName("EUC-KR")));
        assertThat(rows("t")).contains(row(2L, "부산", LocalDate.of(2024, 1, 2), 3L));
    }

    @Test
    void emptyFile() throws IOException {
        assertFailsAndTableUnchanged(file("empty.csv", ""), "empty.csv is empty");
    }

    @Test
    void headerOnlyLoadsNothingIntoAnExistingTableAndCreatesNoNewOne() throws IOException {
        Path header = file("header.csv", "id,city,day,n\n");
        LoadResult nothing = CsvLoader.load(database, "t", List.of(header), CsvOptions.defaults());
        assertThat(nothing.rowsLoaded()).isZero();
        assertThat(rows("t")).isEqualTo(BEFORE);

        assertThatThrownBy(() -> CsvLoader.load(database, "fresh", List.of(header), CsvOptions.defaults()))
                .hasMessage("Table[fresh] does not exist and the files have a header but no data rows to infer column "
                        + "types from; give a schema to create an empty table");
        assertThat(database.table("fresh")).isEmpty();
        CsvLoader.load(database, "fresh", List.of(header), CsvOptions.defaults().withSchema(TableSchema.of(
                Column.nullable("id", ColumnType.BIGINT), Column.nullable("city", ColumnType.VARCHAR),
                Column.nullable("day", ColumnType.DATE), Column.nullable("n", ColumnType.BIGINT))));
        assertThat(snapshot("fresh").rowCount()).isZero();
    }

    @Test
    void multiLineQuotedFieldsAndByteOrderMarkAreValid() throws IOException {
        byte[] text = "\uFEFFid,city,day,n\n2,\"Bu\nsan\",2024-01-02,3\n3,x,bad,4\n".getBytes(StandardCharsets.UTF_8);
        // The error names the line the bad record starts on, after the two-line field.
        assertFailsAndTableUnchanged(file("multi.csv", text), "multi.csv line 4, column[day]: cannot read 'bad' as DATE");
        CsvLoader.load(database, "t", List.of(file("multi2.csv", "\uFEFFid,city,day,n\n2,\"Bu\nsan\",2024-01-02,3\n")),
                CsvOptions.defaults());
        assertThat(rows("t")).contains(row(2L, "Bu\nsan", LocalDate.of(2024, 1, 2), 3L));
    }
}
