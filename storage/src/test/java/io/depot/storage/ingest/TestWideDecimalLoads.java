package io.depot.storage.ingest;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.depot.storage.DepotException;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.dataset.file.DatasetFileWriter;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** DECIMAL(p,s) with p above 18 from CSV (given and inferred), Parquet and PostgreSQL. */
class TestWideDecimalLoads extends LoaderTestSupport {
    private static final String POSTGRES_URL =
            System.getProperty("depot.test.postgres.url", System.getenv("DEPOT_TEST_POSTGRES_URL"));
    private static final BigInteger MAX_38 = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

    @Test
    void csvWithAGivenDecimal38ColumnKeepsEveryDigit() throws IOException {
        BigDecimal max = new BigDecimal(MAX_38, 10);
        Path file = file("given.csv", "id,v\n1," + max.toPlainString() + "\n2,\n3," + max.negate().toPlainString()
                + "\n4,0.5\n5,-12345678901234567890.1234567890\n");
        TableSchema schema = TableSchema.of(Column.nullable("id", ColumnType.BIGINT),
                Column.nullable("v", ColumnType.decimal(38, 10)));

        CsvLoader.load(database, "given", List.of(file), CsvOptions.defaults().withSchema(schema));

        assertThat(rows("given")).containsExactly(row(1L, max), row(2L, null), row(3L, max.negate()),
                row(4L, new BigDecimal("0.5000000000")), row(5L, new BigDecimal("-12345678901234567890.1234567890")));
    }

    @Test
    void csvValuesThatDoNotFitTheWideTypeAreRejected() throws IOException {
        Path file = file("bad.csv", "v\n1\n" + new BigDecimal(MAX_38.add(BigInteger.ONE), 10).toPlainString()
                + "\n0.00000000001\n");
        TableSchema schema = TableSchema.of(Column.nullable("v", ColumnType.decimal(38, 10)));

        assertThatThrownBy(() -> CsvLoader.load(database, "bad", List.of(file), CsvOptions.defaults().withSchema(schema)))
                .isInstanceOf(DepotException.class).hasMessageContaining("DECIMAL(38,10)");
    }

    @Test
    void inferenceGivesWideDecimalsToValuesOfMoreThan18Digits() throws IOException {
        StringBuilder text = new StringBuilder("id,amount,huge\n");
        for (int i = 0; i < 5_000; i++) {
            text.append(i).append(",").append(i).append(".25,").append(i).append('\n');
        }
        text.append("5000,123456789012345678.5,99999999999999999999999999999999999999\n");
        text.append("5001,,\n");
        Path file = file("inferred.csv", text.toString());

        CsvLoader.load(database, "inferred", List.of(file), CsvOptions.defaults());

        assertThat(snapshot("inferred").schema().columns()).extracting(Column::type).containsExactly(
                ColumnType.BIGINT, ColumnType.decimal(20, 2), ColumnType.decimal(38, 0));
        List<List<Object>> rows = rows("inferred");
        assertThat(rows.get(7)).isEqualTo(row(7L, new BigDecimal("7.25"), new BigDecimal("7")));
        assertThat(rows.get(5_000)).isEqualTo(row(5_000L, new BigDecimal("123456789012345678.50"),
                new BigDecimal(MAX_38)));
        assertThat(rows.get(5_001)).isEqualTo(row(5_001L, null, null));
    }

    @Test
    void jsonLinesNumbersOfMoreThan18DigitsStayExact() throws IOException {
        Path file = file("wide.jsonl", "{\"id\": 1, \"v\": 123456789012345678901234.5}\n"
                + "{\"id\": 2, \"v\": null}\n{\"id\": 3, \"v\": -9999999999999999999999999999999999999}\n");

        JsonLinesLoader.load(database, "json", List.of(file), null, LoadOptions.defaults());

        assertThat(snapshot("json").schema().column(1).type()).isEqualTo(ColumnType.decimal(38, 1));
        assertThat(rows("json")).containsExactly(row(1L, new BigDecimal("123456789012345678901234.5")),
                row(2L, null), row(3L, new BigDecimal(BigInteger.TEN.pow(37).subtract(BigInteger.ONE).negate()).setScale(1)));
        // 38 integer digits plus a fraction need 39: no DECIMAL holds them, DOUBLE does.
        Path tooWide = file("too-wide.jsonl", "{\"v\": 1.5}\n{\"v\": 99999999999999999999999999999999999999}\n");
        JsonLinesLoader.load(database, "too_wide", List.of(tooWide), null, LoadOptions.defaults());
        assertThat(snapshot("too_wide").schema().column(0).type()).isEqualTo(ColumnType.DOUBLE);
    }

    @Test
    void parquetDecimal38FilesWrittenByArrowLoadExactly() throws Exception {
        Schema schema = new Schema(List.of(
                new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
                new Field("v", FieldType.nullable(new ArrowType.Decimal(38, 6, 128)), null),
                new Field("narrow", FieldType.nullable(new ArrowType.Decimal(12, 2, 128)), null)));
        Random random = new Random(5);
        List<List<Object>> expected = new ArrayList<>();
        Path arrowFile = directory.resolve("source.arrow");
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                FileChannel channel = FileChannel.open(arrowFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            for (int batch = 0; batch < 3; batch++) {
                root.allocateNew();
                int rows = 1_000;
                for (int i = 0; i < rows; i++) {
                    long id = batch * rows + i;
                    ((BigIntVector) root.getVector(0)).setSafe(i, id);
                    BigDecimal value = i % 13 == 0 ? null : i == 1 ? new BigDecimal(MAX_38, 6)
                            : i == 2 ? new BigDecimal(MAX_38.negate(), 6)
                            : new BigDecimal(new BigInteger(120, random).subtract(BigInteger.ONE.shiftLeft(119)), 6);
                    BigDecimal narrow = i % 7 == 0 ? null : BigDecimal.valueOf(random.nextInt(1_000_000), 2);
                    setDecimal((DecimalVector) root.getVector(1), i, value);
                    setDecimal((DecimalVector) root.getVector(2), i, narrow);
                    expected.add(row(id, value, narrow));
                }
                root.setRowCount(rows);
                writer.writeBatch();
            }
            writer.end();
        }
        Path parquetDirectory = directory.resolve("parquet");
        try (ArrowFileReader reader = new ArrowFileReader(
                FileChannel.open(arrowFile, StandardOpenOption.READ), allocator)) {
            DatasetFileWriter.write(allocator, reader, FileFormat.PARQUET, parquetDirectory.toUri().toString());
        }
        List<Path> parquetFiles;
        try (Stream<Path> listing = Files.list(parquetDirectory)) {
            parquetFiles = listing.sorted().toList();
        }

        ParquetLoader.load(database, "p", parquetFiles, LoadOptions.defaults());

        assertThat(snapshot("p").schema()).isEqualTo(TableSchema.of(Column.nullable("id", ColumnType.BIGINT),
                Column.nullable("v", ColumnType.decimal(38, 6)), Column.nullable("narrow", ColumnType.decimal(12, 2))));
        List<List<Object>> actual = new ArrayList<>(rows("p"));
        actual.sort((left, right) -> Long.compare((Long) left.get(0), (Long) right.get(0)));
        assertThat(actual).isEqualTo(expected);
    }

    private static void setDecimal(DecimalVector vector, int row, BigDecimal value) {
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value);
        }
    }

    @Test
    void postgresNumeric38LoadsAsAWideDecimal() throws SQLException {
        assumeThat(POSTGRES_URL).as("DEPOT_TEST_POSTGRES_URL is not set: start PostgreSQL with .ci/postgres.sh")
                .isNotNull();
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS depot_wide_numeric");
            statement.execute("CREATE TABLE depot_wide_numeric (id bigint, v numeric(38,4), n numeric(10,2))");
            statement.execute("""
                    INSERT INTO depot_wide_numeric
                    SELECT i, (i::numeric * 1234567890123456789.0123) * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END),
                           i * 0.25
                    FROM generate_series(1, 3000) i""");
            statement.execute("INSERT INTO depot_wide_numeric VALUES (3001, 9999999999999999999999999999999999.9999, NULL), "
                    + "(3002, -9999999999999999999999999999999999.9999, 1.00), (3003, NULL, NULL)");
        }

        JdbcLoader.load(database, "pg", new JdbcSourceOptions(POSTGRES_URL,
                "SELECT * FROM depot_wide_numeric ORDER BY id", null, null, null, 1000), LoadOptions.defaults());

        assertThat(snapshot("pg").schema()).isEqualTo(TableSchema.of(Column.nullable("id", ColumnType.BIGINT),
                Column.nullable("v", ColumnType.decimal(38, 4)), Column.nullable("n", ColumnType.decimal(10, 2))));
        List<List<Object>> rows = rows("pg");
        assertThat(rows).hasSize(3003);
        assertThat(rows.get(1)).isEqualTo(row(2L, new BigDecimal("2469135780246913578.0246"), new BigDecimal("0.50")));
        assertThat(rows.get(2)).isEqualTo(row(3L, new BigDecimal("-3703703670370370367.0369"), new BigDecimal("0.75")));
        assertThat(rows.subList(3000, 3003)).containsExactly(
                row(3001L, new BigDecimal(MAX_38, 4), null),
                row(3002L, new BigDecimal(MAX_38.negate(), 4), new BigDecimal("1.00")),
                Arrays.asList(3003L, null, null));
    }
}
