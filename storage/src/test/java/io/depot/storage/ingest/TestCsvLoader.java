package io.depot.storage.ingest;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCsvLoader {
    @TempDir
    Path directory;

    private BufferAllocator allocator;
    private Database database;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        database = Database.open(directory.resolve("db"));
    }

    @AfterEach
    void tearDown() {
        database.close();
        allocator.close();
    }

    @Test
    void infersEveryType() throws IOException {
        Path file = csv("types.csv", """
                flag,count,amount,ratio,day,moment,name,empty
                true,1,12.50,1e3,2024-01-31,2024-01-31 12:30:15,서울,
                FALSE,-9223372036854775808,-0.5,2.5,1999-12-31,2024-02-01T00:00:00.123456,"a, b",
                ,9223372036854775807,100,,,,,
                """);

        LoadResult result = CsvLoader.load(database, "Types", List.of(file), CsvOptions.defaults());

        assertThat(result.table()).isEqualTo("Types");
        assertThat(result.rowsLoaded()).isEqualTo(3);
        assertThat(result.version()).isEqualTo(1);
        assertThat(result.bytesRead()).isEqualTo(Files.size(file));
        Snapshot snapshot = database.table("types").orElseThrow().snapshot();
        assertThat(snapshot.schema()).isEqualTo(TableSchema.of(
                Column.nullable("flag", ColumnType.BOOLEAN),
                Column.nullable("count", ColumnType.BIGINT),
                Column.nullable("amount", ColumnType.decimal(5, 2)),
                Column.nullable("ratio", ColumnType.DOUBLE),
                Column.nullable("day", ColumnType.DATE),
                Column.nullable("moment", ColumnType.TIMESTAMP),
                Column.nullable("name", ColumnType.VARCHAR),
                Column.nullable("empty", ColumnType.VARCHAR)));
        assertThat(readAll(snapshot)).containsExactly(
                row(true, 1L, new BigDecimal("12.50"), 1000.0, LocalDate.of(2024, 1, 31),
                        LocalDateTime.of(2024, 1, 31, 12, 30, 15), "서울", null),
                row(false, Long.MIN_VALUE, new BigDecimal("-0.50"), 2.5, LocalDate.of(1999, 12, 31),
                        LocalDateTime.of(2024, 2, 1, 0, 0, 0, 123_456_000), "a, b", null),
                row(null, Long.MAX_VALUE, new BigDecimal("100.00"), null, null, null, null, null));
    }

    @Test
    void inferenceWidensOverTheWholeFile() throws IOException {
        StringBuilder text = new StringBuilder("id,code,value,when,big\n");
        for (int i = 0; i < 100_000; i++) {
            text.append(i).append(",00").append(i % 10).append(',').append(i).append(",2024-01-01,").append(i).append('\n');
        }
        text.append("100000,x,3.14159,2024-01-01 10:00:00,12345678901234567890\n");
        Path file = csv("wide.csv", text.toString());

        CsvLoader.load(database, "wide", List.of(file), CsvOptions.defaults());

        Snapshot snapshot = database.table("wide").orElseThrow().snapshot();
        assertThat(snapshot.schema().columns()).extracting(Column::type).containsExactly(
                ColumnType.BIGINT, ColumnType.VARCHAR, ColumnType.decimal(10, 5), ColumnType.TIMESTAMP,
                ColumnType.decimal(20, 0));
        assertThat(snapshot.rowCount()).isEqualTo(100_001);
        List<List<Object>> rows = readAll(snapshot);
        assertThat(rows.get(7)).isEqualTo(row(7L, "007", new BigDecimal("7.00000"), LocalDateTime.of(2024, 1, 1, 0, 0),
                new BigDecimal("7")));
        // 20 digits: too many for BIGINT, a wide DECIMAL keeps them all.
        assertThat(rows.get(100_000).get(4)).isEqualTo(new BigDecimal("12345678901234567890"));
    }

    @Test
    void loadsManyFilesInOneCommitAndAppendsToExistingTables() throws IOException {
        Path first = csv("first.csv", "id,name\n1,a\n2,b\n");
        Path second = csv("second.csv", "NAME,ID\nc,3\n");
        LoadResult created = CsvLoader.load(database, "t", List.of(first, second), CsvOptions.defaults());
        assertThat(created.rowsLoaded()).isEqualTo(3);

        Path third = csv("third.csv", "4,d\n");
        LoadResult appended = CsvLoader.load(database, "t", List.of(third), CsvOptions.defaults().withHeader(false));

        assertThat(appended.version()).isEqualTo(2);
        assertThat(readAll(database.table("t").orElseThrow().snapshot()))
                .containsExactly(row(1L, "a"), row(2L, "b"), row(3L, "c"), row(4L, "d"));
    }

    @Test
    void explicitSchemaOverridesInference() throws IOException {
        Path file = csv("codes.csv", "code;price;note\n\"007\";12.5;NULL\n42;3;\"\"\n");
        TableSchema schema = TableSchema.of(
                Column.nullable("code", ColumnType.VARCHAR),
                Column.nullable("price", ColumnType.decimal(10, 2)),
                Column.nullable("note", ColumnType.VARCHAR));

        CsvLoader.load(database, "codes", List.of(file),
                CsvOptions.defaults().withDelimiter(';').withNullMarker("NULL").withSchema(schema));

        Snapshot snapshot = database.table("codes").orElseThrow().snapshot();
        assertThat(snapshot.schema()).isEqualTo(schema);
        assertThat(readAll(snapshot)).containsExactly(
                row("007", new BigDecimal("12.50"), null),
                row("42", new BigDecimal("3.00"), ""));
    }

    @Test
    void readsOtherCharsetsAndSkipsTheByteOrderMark() throws IOException {
        Path bom = directory.resolve("bom.csv");
        byte[] text = "city,people\n서울,9668465\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(bom, withBom);
        Path korean = directory.resolve("euc-kr.csv");
        Charset eucKr = Charset.forName("EUC-KR");
        Files.write(korean, "city,people\n부산,3300000\n".getBytes(eucKr));

        CsvLoader.load(database, "cities", List.of(bom), CsvOptions.defaults());
        CsvLoader.load(database, "cities", List.of(korean), CsvOptions.defaults().withCharset(eucKr));

        assertThat(database.table("cities").orElseThrow().snapshot().schema().column(0).name()).isEqualTo("city");
        assertThat(readAll(database.table("cities").orElseThrow().snapshot()))
                .containsExactly(row("서울", 9668465L), row("부산", 3300000L));
    }

    @Test
    void badValueFailsTheLoadAndLeavesTheTableUnchanged() throws IOException {
        Path good = csv("good.csv", "id,amount\n1,10.25\n");
        CsvLoader.load(database, "sales", List.of(good), CsvOptions.defaults());
        StringBuilder text = new StringBuilder("id,amount\n");
        for (int i = 0; i < 70_000; i++) {
            text.append(i).append(",1.50\n");
        }
        text.append("70000,abc\n");
        Path bad = csv("sales.csv", text.toString());

        assertThatThrownBy(() -> CsvLoader.load(database, "sales", List.of(bad), CsvOptions.defaults()))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                .hasMessage("sales.csv line 70002, column[amount]: cannot read 'abc' as DECIMAL(4,2)");

        Snapshot snapshot = database.table("sales").orElseThrow().snapshot();
        assertThat(snapshot.version()).isEqualTo(1);
        assertThat(snapshot.rowCount()).isEqualTo(1);
    }

    @Test
    void badValueInANewTableLeavesNoTable() throws IOException {
        Path file = csv("sales.csv", "id,amount\n1,1.50\n2,2.25\n3,abc\n");
        TableSchema schema = TableSchema.of(
                Column.nullable("id", ColumnType.BIGINT), Column.nullable("amount", ColumnType.decimal(10, 2)));

        assertThatThrownBy(() -> CsvLoader.load(database, "sales", List.of(file), CsvOptions.defaults().withSchema(schema)))
                .hasMessage("sales.csv line 4, column[amount]: cannot read 'abc' as DECIMAL(10,2)");
        assertThat(database.table("sales")).isEmpty();
        assertThat(database.tableNames()).isEmpty();
    }

    @Test
    void decimalsThatNeedMoreScaleOrOverflowAreRejected() throws IOException {
        TableSchema schema = TableSchema.of(Column.nullable("amount", ColumnType.decimal(4, 2)));
        CsvOptions options = CsvOptions.defaults().withSchema(schema);

        assertThatThrownBy(() -> CsvLoader.load(database, "a", List.of(csv("scale.csv", "amount\n1.5\n1.234\n")), options))
                .hasMessage("scale.csv line 3, column[amount]: cannot read '1.234' as DECIMAL(4,2)");
        assertThatThrownBy(() -> CsvLoader.load(database, "a", List.of(csv("big.csv", "amount\n99.99\n100\n")), options))
                .hasMessage("big.csv line 3, column[amount]: cannot read '100' as DECIMAL(4,2)");
        CsvLoader.load(database, "a", List.of(csv("zeros.csv", "amount\n1.2500\n-99.99\n")), options);
        assertThat(readAll(database.table("a").orElseThrow().snapshot()))
                .containsExactly(row(new BigDecimal("1.25")), row(new BigDecimal("-99.99")));
    }

    @Test
    void wrongFieldCountAndBadDatesNameTheLine() throws IOException {
        Path ragged = csv("ragged.csv", "a,b\n1,2\n3\n");
        Path dates = csv("dates.csv", "day\n2024-01-31\n2024-02-30\n");
        TableSchema dateSchema = TableSchema.of(Column.nullable("day", ColumnType.DATE));

        assertThatThrownBy(() -> CsvLoader.load(database, "ragged", List.of(ragged), CsvOptions.defaults()))
                .hasMessage("ragged.csv line 3: has 1 fields, expected 2");
        assertThatThrownBy(() -> CsvLoader.load(database, "dates", List.of(dates), CsvOptions.defaults().withSchema(dateSchema)))
                .hasMessage("dates.csv line 3, column[day]: cannot read '2024-02-30' as DATE");
        assertThat(database.tableNames()).isEmpty();
    }

    @Test
    void missingEmptyAndHeaderOnlyFilesGiveClearErrors() throws IOException {
        Path missing = directory.resolve("missing.csv");
        Path empty = csv("empty.csv", "");
        Path headerOnly = csv("header.csv", "id,name\n");

        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(missing), CsvOptions.defaults()))
                .hasMessage("File[" + missing + "] does not exist or is not a file");
        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(empty), CsvOptions.defaults()))
                .hasMessage("empty.csv is empty");
        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(headerOnly), CsvOptions.defaults()))
                .hasMessageContaining("Table[t] does not exist and the files have a header but no data rows");

        CsvLoader.load(database, "t", List.of(csv("data.csv", "id,name\n1,a\n")), CsvOptions.defaults());
        LoadResult nothing = CsvLoader.load(database, "t", List.of(headerOnly), CsvOptions.defaults());
        assertThat(nothing.rowsLoaded()).isZero();
        assertThat(database.table("t").orElseThrow().snapshot().rowCount()).isEqualTo(1);
    }

    @Test
    void headerMustNameTheTableColumns() throws IOException {
        CsvLoader.load(database, "t", List.of(csv("data.csv", "id,name\n1,a\n")), CsvOptions.defaults());

        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(csv("other.csv", "id,title\n2,b\n")),
                CsvOptions.defaults()))
                .hasMessage("other.csv header names column[title], which table[t] does not have");
        assertThatThrownBy(() -> CsvLoader.load(database, "u", List.of(csv("twice.csv", "id,ID\n2,b\n")),
                CsvOptions.defaults()))
                .hasMessage("twice.csv header: Duplicate column name[ID]");
    }

    @Test
    void invalidEncodingIsAUserError() throws IOException {
        Path latin = directory.resolve("latin.csv");
        Files.write(latin, "name\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(latin), CsvOptions.defaults()))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                .hasMessageContaining("latin.csv")
                .hasMessageContaining("not valid UTF-8");
    }

    private Path csv(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private List<List<Object>> readAll(Snapshot snapshot) {
        return Batches.readAll(snapshot, allocator);
    }
}
