package io.depot.sql.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.exec.ResultStream;
import io.depot.sql.DepotSql;
import io.depot.sql.ResultComparison;
import io.depot.sql.SqlTestSupport;
import io.depot.storage.DepotException;
import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs one {@link SqlTestFile} against a fresh temporary database (and, when the file has
 * {@code compare} records, a fresh in-memory DuckDB holding the same tables).
 */
final class SqlTestRunner implements AutoCloseable {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    // Depot keeps AVG and division of decimals as DECIMALs of scale 6, DuckDB as DOUBLE.
    private static final double DOUBLE_TOLERANCE = 1e-6;

    private final SqlTestFile file;
    private final DepotSql depot = DepotSql.temporary();
    private Connection duckdb;

    SqlTestRunner(SqlTestFile file) {
        this.file = file;
    }

    void run() throws Exception {
        for (SqlTestFile.Record record : file.records()) {
            String where = file.name() + ":" + record.line();
            try {
                runRecord(record, where);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            }
        }
    }

    private void runRecord(SqlTestFile.Record record, String where) throws Exception {
        if (record instanceof SqlTestFile.Load load) {
            load(load);
        } else if (record instanceof SqlTestFile.Query query) {
            assertQuery(query, where);
        } else if (record instanceof SqlTestFile.Compare compare) {
            assertSameAsDuckDb(compare, where);
        } else if (record instanceof SqlTestFile.StatementOk statement) {
            execute(statement.sql());
        } else {
            SqlTestFile.StatementError statement = (SqlTestFile.StatementError) record;
            assertThatThrownBy(() -> execute(statement.sql()))
                    .as(where)
                    .isInstanceOf(DepotException.class)
                    .hasMessageContaining(statement.expectedMessage());
        }
    }

    private void load(SqlTestFile.Load load) throws IOException, SQLException {
        Path csv = Files.createTempFile("depot-sqltest-", ".csv");
        try {
            Files.write(csv, load.csvLines(), StandardCharsets.UTF_8);
            if (load.csvLines().isEmpty()) {
                SqlTestSupport.writeTable(depot, load.table(), load.schema(), List.of());
            } else {
                CsvLoader.load(depot.database(), load.table(), List.of(csv), CsvOptions.defaults()
                        .withHeader(false).withNullMarker("NULL").withSchema(load.schema()));
            }
            try (Statement statement = duckdb().createStatement()) {
                statement.execute("CREATE TABLE " + load.table() + " (" + load.schema().columns().stream()
                        .map(column -> column.name() + " " + column.type())
                        .collect(Collectors.joining(", ")) + ")");
                if (!load.csvLines().isEmpty()) {
                    statement.execute("COPY " + load.table() + " FROM '" + csv
                            + "' (FORMAT csv, HEADER false, NULL 'NULL', QUOTE '\"')");
                }
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private void assertQuery(SqlTestFile.Query query, String where) {
        List<String> actual = new ArrayList<>();
        List<ColumnType> types;
        try (ResultStream result = depot.prepare(query.sql()).executeQuery()) {
            List<Column> columns = result.columns();
            types = columns.stream().map(Column::type).toList();
            for (VectorSchemaRoot next = result.next(); next != null; next = result.next()) {
                try (VectorSchemaRoot batch = next) {
                    for (int r = 0; r < batch.getRowCount(); r++) {
                        List<String> values = new ArrayList<>();
                        for (int c = 0; c < columns.size(); c++) {
                            values.add(render(ArrowValues.get(batch.getVector(c), columns.get(c).type(), r)));
                        }
                        actual.add(String.join("|", values));
                    }
                }
            }
        }
        if (!query.types().isEmpty()) {
            assertThat(types).as(where + " column types of\n" + query.sql()).isEqualTo(query.types());
        }
        List<String> expected = new ArrayList<>(query.expectedRows());
        if (query.rowSort()) {
            actual.sort(null);
            expected.sort(null);
        }
        assertThat(String.join("\n", actual)).as(where + " rows of\n" + query.sql()).isEqualTo(String.join("\n", expected));
    }

    private void assertSameAsDuckDb(SqlTestFile.Compare compare, String where) throws SQLException {
        List<List<Object>> expected = ResultComparison.canonical(SqlTestSupport.query(duckdb(), compare.sql()));
        List<List<Object>> actual = ResultComparison.canonical(SqlTestSupport.query(depot, compare.sql()));
        if (compare.rowSort()) {
            expected.sort(ResultComparison.ROW_ORDER);
            actual.sort(ResultComparison.ROW_ORDER);
        }
        ResultComparison.assertSameRows(where + " against DuckDB: " + compare.sql(), actual, expected, DOUBLE_TOLERANCE);
    }

    private void execute(String sql) {
        try (ResultStream result = depot.prepare(sql).executeQuery()) {
            for (VectorSchemaRoot next = result.next(); next != null; next = result.next()) {
                next.close();
            }
        }
    }

    /** A value as the expected-rows text spells it: NULL, (empty), decimals with their scale. */
    static String render(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String text) {
            return text.isEmpty() ? "(empty)" : text;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof LocalDateTime timestamp) {
            String text = timestamp.format(TIMESTAMP);
            int micros = timestamp.getNano() / 1000;
            return micros == 0 ? text : text + "." + String.format("%06d", micros).replaceAll("0+$", "");
        }
        return value.toString();
    }

    private Connection duckdb() throws SQLException {
        if (duckdb == null) {
            duckdb = DriverManager.getConnection("jdbc:duckdb:");
        }
        return duckdb;
    }

    @Override
    public void close() throws SQLException {
        try {
            depot.close();
        } finally {
            if (duckdb != null) {
                duckdb.close();
            }
        }
    }
}
