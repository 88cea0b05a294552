package io.depot.storage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte path (chunks of a split UTF-8 file, {@link CsvByteRecords} and the byte entry of
 * {@link FieldConverter}) against the FastCSV text path that reads the same file whole: random
 * files full of the awkward cases must give the same rows, the same rejects and the same errors.
 */
class TestCsvBytePath extends LoaderTestSupport {
    private static final long TINY_CHUNKS = 48;
    private static final long NO_SPLIT = Long.MAX_VALUE;
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("i", ColumnType.INTEGER),
            Column.nullable("b", ColumnType.BIGINT),
            Column.nullable("d", ColumnType.decimal(9, 2)),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("x", ColumnType.DOUBLE),
            Column.nullable("ok", ColumnType.BOOLEAN),
            Column.nullable("ts", ColumnType.TIMESTAMP),
            Column.nullable("s", ColumnType.VARCHAR));

    private static final String[] INTEGERS = {"0", "-0", "7", "-42", "+5", " 12 ", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "007", "1e3", "", " ", "-", "12a", "١٢", "999999999999999999"};
    private static final String[] BIGINTS = {"0", "-1", "123456789012345678", "1234567890123456789",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "+77", "\t8\t", "", "x", "--1"};
    private static final String[] DECIMALS = {"0", "1", "-1.5", "12.25", "12.250", "12.251", ".5", "5.", "-.5",
        "9999999.99", "10000000.00", "+3.1", " 4.5", "1e2", "", "abc", "0.00", "-0.01", "1234567.891", "1.2.3"};
    private static final String[] DATES = {"2024-01-31", "2024-02-29", "2023-02-29", "2024-13-01", "0001-01-01",
        "9999-12-31", "2024-1-01", "2024/01/01", " 2024-01-01", "", "20240101", "2024-00-10", "2024-04-31"};
    private static final String[] DOUBLES = {"1.5", "-0", "1e308", "NaN", "inf", "", "x", " 2.5 "};
    private static final String[] BOOLEANS = {"true", "false", "TRUE", "t", "yes", "", "1"};
    private static final String[] TIMESTAMPS = {"2024-01-01 12:00:00", "2024-01-01T01:02:03.456", "2024-01-01", "", "noon"};
    private static final String[] TEXTS = {"plain", "", "서울 부산", "with space ", " lead", "comma,inside", "quote\"inside",
        "line\nbreak", "crlf\r\nbreak", "lone\rcr", "NA", "\\N", "🙂 emoji", "é"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomFilesLoadAlikeOnBothPaths(long seed) throws IOException {
        Random random = new Random(seed);
        String nullMarker = seed % 2 == 0 ? null : "NA";
        Path data = file("data.csv", randomCsv(random, 300, nullMarker));
        CsvOptions options = CsvOptions.defaults().withSchema(SCHEMA).withNullMarker(nullMarker);
        assertThat(CsvSplitter.split(data, options, TINY_CHUNKS)).hasSizeGreaterThan(20);

        String chunked = loadOutcome("chunked", data, options, TINY_CHUNKS);
        String whole = loadOutcome("whole", data, options, NO_SPLIT);

        assertThat(chunked).isEqualTo(whole);
        assertThat(chunked).contains("rows ");
    }

    @Test
    void errorsWithoutABudgetAreTheSameOnBothPaths() throws IOException {
        StringBuilder text = new StringBuilder("i,b,d,day,x,ok,ts,s\n");
        for (int row = 0; row < 200; row++) {
            text.append(row).append(",1,2.5,2024-01-01,1.0,true,2024-01-01 00:00:00,\"a\"\"b\"\r\n");
        }
        text.append("1,2,3.005,2024-01-01,1.0,true,2024-01-01 00:00:00,x\n");
        Path data = file("data.csv", text.toString());
        CsvOptions options = CsvOptions.defaults().withSchema(SCHEMA);

        String chunked = loadOutcome("chunked", data, options, TINY_CHUNKS, 0);

        assertThat(chunked).isEqualTo(loadOutcome("whole", data, options, NO_SPLIT, 0));
        assertThat(chunked).startsWith("error data.csv line 202, column[d]");
    }

    @Test
    void invalidUtf8InAChunkNamesTheLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("i,s\n".getBytes(StandardCharsets.UTF_8));
        for (int row = 0; row < 100; row++) {
            bytes.writeBytes((row + ",서울\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes(new byte[] {'7', ',', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}); // a surrogate
        Path data = file("data.csv", bytes.toByteArray());
        CsvOptions options = CsvOptions.defaults()
                .withSchema(TableSchema.of(Column.nullable("i", ColumnType.INTEGER), Column.nullable("s", ColumnType.VARCHAR)));

        assertThatThrownBy(() -> CsvLoader.load(database, "t", List.of(data), options, LoadOptions.defaults(), TINY_CHUNKS))
                .isInstanceOf(DepotException.class)
                .hasMessageContaining("line 102");
        assertThat(database.table("t")).isEmpty();
        assertThat(loadOutcome("whole", data, options, NO_SPLIT, 0)).contains("line 102");
    }

    @Test
    void utf8CheckAgreesWithTheJavaDecoder() {
        Random random = new Random(11);
        byte[] interesting = {0, 'a', 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1, (byte) 0xC2, (byte) 0xDF,
            (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF, (byte) 0x9F,
            (byte) 0xA0, (byte) 0x8F, (byte) 0x90};
        for (int trial = 0; trial < 200_000; trial++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt();
            }
            assertThat(Utf8.isValid(bytes, 0, bytes.length)).as("bytes %s", java.util.Arrays.toString(bytes))
                    .isEqualTo(decodes(bytes));
        }
        byte[] text = "ascii then 한국어 and 🙂, then ascii again!!".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isValid(text, 0, text.length)).isTrue();
    }

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The rows, the rejects file and the counts of a load with an error budget, or its error. */
    private String loadOutcome(String table, Path data, CsvOptions options, long chunkBytes) throws IOException {
        return loadOutcome(table, data, options, chunkBytes, 100_000);
    }

    private String loadOutcome(String table, Path data, CsvOptions options, long chunkBytes, long maxErrors)
            throws IOException {
        Path rejects = directory.resolve(table + "-rejects.csv");
        try {
            LoadResult result = CsvLoader.load(database, table, List.of(data), options,
                    LoadOptions.defaults().withMaxErrors(maxErrors).withRejectsFile(rejects), chunkBytes);
            String rejected = Files.exists(rejects) ? Files.readString(rejects) : "";
            return "rows " + result.rowsLoaded() + " rejected " + result.rowsRejected() + "\n" + rows(table) + "\n" + rejected;
        } catch (DepotException e) {
            return "error " + e.getMessage();
        }
    }

    private static String randomCsv(Random random, int rows, String nullMarker) {
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append('\uFEFF'); // a byte order mark
        }
        text.append("i,b,d,day,x,ok,ts,s").append(lineEnd(random));
        String[][] pools = {INTEGERS, BIGINTS, DECIMALS, DATES, DOUBLES, BOOLEANS, TIMESTAMPS, TEXTS};
        for (int row = 0; row < rows; row++) {
            if (random.nextInt(25) == 0) {
                text.append(lineEnd(random)); // an empty line
            }
            int fields = random.nextInt(30) == 0 ? 7 + random.nextInt(3) * (random.nextBoolean() ? 1 : 0) : 8;
            for (int field = 0; field < fields; field++) {
                if (field > 0) {
                    text.append(',');
                }
                String[] pool = pools[Math.min(field, pools.length - 1)];
                String value = random.nextInt(12) == 0 && nullMarker != null ? nullMarker : pool[random.nextInt(pool.length)];
                text.append(csvField(value, random));
            }
            text.append(lineEnd(random));
        }
        return text.toString();
    }

    /** The value as a CSV field: quoted when it must be, and sometimes when it need not be. */
    private static String csvField(String value, Random random) {
        boolean mustQuote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        if (mustQuote || random.nextInt(6) == 0) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String lineEnd(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "\r\n";
            case 1 -> "\r";
            default -> "\n";
        };
    }
}
