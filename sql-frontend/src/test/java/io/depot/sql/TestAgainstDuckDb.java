package io.depot.sql;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the same SQL on Depot and on DuckDB (the reference engine) over the same generated table
 * and compares the answers. Rows compare as multisets unless the query orders them fully.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestAgainstDuckDb {
    private static final int ROWS = 20_000;
    private static final double DOUBLE_TOLERANCE = 1e-9;
    private static final List<String> GROUPS = Arrays.asList("a", "b", "ab", "서울", "", null, "zeta", "Abc");
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("k", ColumnType.INTEGER),
            Column.nullable("g", ColumnType.VARCHAR),
            Column.nullable("amount", ColumnType.decimal(12, 2)),
            Column.nullable("x", ColumnType.DOUBLE),
            Column.nullable("d", ColumnType.DATE),
            Column.nullable("ts", ColumnType.TIMESTAMP),
            Column.nullable("flag", ColumnType.BOOLEAN),
            Column.nullable("big", ColumnType.BIGINT));

    /** A dimension table: some keys of t missing, some duplicated, one NULL key. */
    private static final TableSchema DIMENSION = TableSchema.of(
            Column.nullable("k", ColumnType.INTEGER),
            Column.nullable("name", ColumnType.VARCHAR),
            Column.nullable("weight", ColumnType.decimal(6, 2)));

    private DepotSql depot;
    private Connection duckdb;

    @BeforeAll
    void load() throws SQLException, IOException {
        List<List<Object>> rows = generate(new Random(7));
        depot = DepotSql.temporary();
        // Two commits, so the table has more than one segment.
        SqlTestSupport.writeTable(depot, "t", SCHEMA, rows.subList(0, ROWS / 2));
        SqlTestSupport.writeTable(depot, "t", SCHEMA, rows.subList(ROWS / 2, ROWS));
        SqlTestSupport.writeTable(depot, "no_rows", SCHEMA, List.of());
        List<List<Object>> dimension = dimensionRows();
        SqlTestSupport.writeTable(depot, "dim", DIMENSION, dimension);

        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckdb.createStatement()) {
            String ddl = "(k INTEGER, g VARCHAR, amount DECIMAL(12,2), x DOUBLE, d DATE, ts TIMESTAMP, flag BOOLEAN, big BIGINT)";
            statement.execute("CREATE TABLE t " + ddl);
            statement.execute("CREATE TABLE no_rows " + ddl);
            statement.execute("CREATE TABLE dim (k INTEGER, name VARCHAR, weight DECIMAL(6,2))");
            for (List<Object> row : dimensionRows()) {
                statement.execute(String.format("INSERT INTO dim VALUES (%s, %s, %s)", row.get(0),
                        row.get(1) == null ? "NULL" : "'" + row.get(1) + "'", row.get(2)));
            }
        }
        // COPY from a CSV file: DuckDB's batched INSERT takes tens of seconds for this table.
        Path csv = Files.createTempFile("depot-duckdb-", ".csv");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                for (List<Object> row : rows) {
                    out.write(csvLine(row));
                }
            }
            try (Statement statement = duckdb.createStatement()) {
                statement.execute("COPY t FROM '" + csv + "' (FORMAT csv, HEADER false, NULL '\\N', QUOTE '\"')");
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** A CSV line DuckDB reads back exactly: NULL as \\N, strings always quoted. */
    private static String csvLine(List<Object> row) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.size(); c++) {
            if (c > 0) {
                line.append(',');
            }
            Object value = row.get(c);
            if (value == null) {
                line.append("\\N");
            } else if (value instanceof String text) {
                line.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else if (value instanceof LocalDateTime timestamp) {
                line.append(timestamp.toString().replace('T', ' '));
            } else {
                line.append(value);
            }
        }
        return line.append('\n').toString();
    }

    @AfterAll
    void close() throws SQLException {
        depot.close();
        duckdb.close();
    }

    static Stream<String> unorderedQueries() {
        return Stream.of(
                "SELECT * FROM t",
                "SELECT g, COUNT(*), COUNT(amount), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM t GROUP BY g",
                "SELECT k, SUM(big), AVG(x), MIN(d), MAX(ts), COUNT(flag) FROM t WHERE flag GROUP BY k",
                "SELECT COUNT(*), SUM(amount), AVG(k) FROM t WHERE amount > 100 AND g <> 'a'",
                "SELECT g, k, COUNT(*) FROM t WHERE d >= DATE '2024-03-01' GROUP BY g, k",
                "SELECT * FROM t WHERE k IS NULL OR amount IS NULL",
                "SELECT amount * 2 + 1, big - k, x / 2, -amount FROM t WHERE k < 5",
                "SELECT amount * amount, amount - 0.005 FROM t WHERE k BETWEEN 3 AND 6",
                "SELECT COUNT(*) FROM t WHERE g LIKE '%b%'",
                "SELECT COUNT(*) FROM t WHERE g LIKE 'a_'",
                "SELECT CASE WHEN amount > 0 THEN 'pos' WHEN amount < 0 THEN 'neg' ELSE 'zero' END AS sign, COUNT(*) "
                        + "FROM t GROUP BY CASE WHEN amount > 0 THEN 'pos' WHEN amount < 0 THEN 'neg' ELSE 'zero' END",
                "SELECT k, COUNT(*) FROM t WHERE k IN (1, 3, 5) GROUP BY k",
                "SELECT k, COUNT(*) FROM t WHERE k NOT IN (1, 3, 5) GROUP BY k",
                "SELECT MIN(g), MAX(g), MIN(flag), MAX(flag) FROM t",
                "SELECT COUNT(*), SUM(amount), MIN(g) FROM t WHERE 1 = 0",
                "SELECT COUNT(*), SUM(amount), MAX(ts) FROM no_rows",
                "SELECT g, SUM(amount) FROM no_rows GROUP BY g",
                "SELECT ts, d FROM t WHERE ts > TIMESTAMP '2024-06-01 12:00:00' AND d < DATE '2024-06-10'",
                "SELECT COALESCE(g, 'none'), COALESCE(amount, 0) FROM t WHERE k = 2",
                "SELECT CAST(amount AS DOUBLE), CAST(k AS VARCHAR), CAST(amount AS BIGINT) FROM t WHERE k = 4",
                "SELECT NOT flag, flag AND k > 3, flag OR amount > 0 FROM t WHERE k = 9",
                "SELECT g FROM t WHERE g = '서울' AND amount >= 0",
                "SELECT k, SUM(amount) FROM t GROUP BY k HAVING COUNT(*) > 900",
                "SELECT t.g, d.name, COUNT(*), SUM(t.amount) FROM t JOIN dim d ON t.k = d.k GROUP BY t.g, d.name",
                "SELECT t.k, t.amount, d.name FROM t LEFT JOIN dim d ON t.k = d.k WHERE t.g = 'a'",
                "SELECT d.k, d.name, COUNT(t.k), SUM(t.amount) FROM t RIGHT JOIN dim d ON t.k = d.k GROUP BY d.k, d.name",
                "SELECT x.k, d.k, d.name FROM (SELECT DISTINCT k FROM t) x FULL JOIN dim d ON x.k = d.k",
                "SELECT COUNT(*) FROM t WHERE k IN (SELECT k FROM dim WHERE weight > 1)",
                "SELECT COUNT(*) FROM t WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.k = t.k)",
                "SELECT COUNT(*) FROM t WHERE EXISTS (SELECT 1 FROM dim d WHERE d.k = t.k AND d.name LIKE 'name1%')",
                "SELECT COUNT(*), SUM(t.amount) FROM t JOIN dim d ON t.k = d.k AND t.amount > d.weight * 100",
                "SELECT d.name, COUNT(*) FROM t, dim d WHERE t.k = d.k AND d.name <> 'name4' GROUP BY d.name",
                "SELECT COUNT(*) FROM t WHERE amount > (SELECT AVG(amount) FROM t)",
                "SELECT g, COUNT(*) FROM t WHERE amount > (SELECT AVG(amount) FROM t t2 WHERE t2.k = t.k) GROUP BY g",
                "SELECT a.k, b.name FROM dim a JOIN dim b ON a.k < b.k WHERE a.weight > 1",
                "SELECT EXTRACT(YEAR FROM d), EXTRACT(QUARTER FROM d), EXTRACT(MONTH FROM d), COUNT(*), SUM(amount) FROM t "
                        + "GROUP BY EXTRACT(YEAR FROM d), EXTRACT(QUARTER FROM d), EXTRACT(MONTH FROM d)",
                "SELECT EXTRACT(DAY FROM ts), EXTRACT(HOUR FROM ts), EXTRACT(MINUTE FROM ts), EXTRACT(SECOND FROM ts), ts "
                        + "FROM t WHERE k = 3",
                "SELECT SUBSTRING(g FROM 1 FOR 1), SUBSTRING(g, 2), COUNT(*) FROM t "
                        + "GROUP BY SUBSTRING(g FROM 1 FOR 1), SUBSTRING(g, 2)",
                "SELECT COUNT(*) FROM t WHERE k NOT IN (SELECT k FROM dim WHERE weight > 1)",
                "SELECT COUNT(*) FROM t WHERE k NOT IN (SELECT k FROM dim WHERE k IS NOT NULL AND weight > 1)",
                "SELECT g, COUNT(*) FROM t WHERE g NOT IN (SELECT name FROM dim WHERE name IS NOT NULL) GROUP BY g");
    }

    static Stream<String> orderedQueries() {
        return Stream.of(
                "SELECT g, SUM(amount) AS s FROM t WHERE g IS NOT NULL GROUP BY g ORDER BY s DESC LIMIT 3",
                "SELECT big, k FROM t ORDER BY big DESC NULLS LAST, k LIMIT 10 OFFSET 5",
                "SELECT k, big FROM t ORDER BY k NULLS FIRST, big DESC NULLS FIRST LIMIT 20",
                "SELECT k, COUNT(*) AS n FROM t WHERE k IS NOT NULL GROUP BY k ORDER BY k",
                "SELECT ts FROM t WHERE ts IS NOT NULL ORDER BY ts LIMIT 7");
    }

    @ParameterizedTest
    @MethodSource("unorderedQueries")
    void sameRowsAsDuckDb(String sql) throws SQLException {
        List<List<Object>> expected = ResultComparison.canonical(SqlTestSupport.query(duckdb, sql));
        List<List<Object>> actual = ResultComparison.canonical(SqlTestSupport.query(depot, sql));
        expected.sort(ResultComparison.ROW_ORDER);
        actual.sort(ResultComparison.ROW_ORDER);
        ResultComparison.assertSameRows(sql, actual, expected, DOUBLE_TOLERANCE);
    }

    @ParameterizedTest
    @MethodSource("orderedQueries")
    void sameRowsInSameOrderAsDuckDb(String sql) throws SQLException {
        ResultComparison.assertSameRows(sql, ResultComparison.canonical(SqlTestSupport.query(depot, sql)),
                ResultComparison.canonical(SqlTestSupport.query(duckdb, sql)), DOUBLE_TOLERANCE);
    }

    private static List<List<Object>> dimensionRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (int k = 0; k < 25; k += 2) {
            rows.add(Arrays.asList(k, "name" + k, BigDecimal.valueOf(k * 37L % 500, 2)));
        }
        rows.add(Arrays.asList(4, "four again", new BigDecimal("1.50")));
        rows.add(Arrays.asList(null, "no key", new BigDecimal("2.00")));
        rows.add(Arrays.asList(6, null, null));
        return rows;
    }

    private static List<List<Object>> generate(Random random) {
        List<List<Object>> rows = new ArrayList<>(ROWS);
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < ROWS; i++) {
            rows.add(Arrays.asList(
                    nullOr(random, 10, () -> random.nextInt(20)),
                    GROUPS.get(random.nextInt(GROUPS.size())),
                    nullOr(random, 8, () -> BigDecimal.valueOf(random.nextInt(2_000_000) - 500_000, 2)),
                    nullOr(random, 12, () -> random.nextGaussian() * 1000),
                    nullOr(random, 15, () -> start.plusDays(random.nextInt(366))),
                    nullOr(random, 15, () -> LocalDateTime.of(2024, 1, 1, 0, 0)
                            .plusSeconds(random.nextInt(366 * 86_400)).plusNanos(random.nextInt(1_000_000) * 1_000L)),
                    nullOr(random, 10, random::nextBoolean),
                    nullOr(random, 10, () -> random.nextLong() >> 20)));
        }
        return rows;
    }

    /** A value, or NULL one time in {@code oneIn}. */
    private static Object nullOr(Random random, int oneIn, java.util.function.Supplier<Object> value) {
        return random.nextInt(oneIn) == 0 ? null : value.get();
    }
}
