package io.depot.sql.decimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import io.depot.sql.SqlTestSupport;
import io.depot.storage.DepotException;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DECIMAL wider than 18 digits (128-bit) end to end, compared with DuckDB on the same generated
 * rows (NULLs included): scans, comparisons, arithmetic, casts, SUM/MIN/MAX/AVG, GROUP BY, joins
 * and ORDER BY on wide keys. Decimals compare exactly (not as doubles).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestWideDecimalsAgainstDuckDb {
    private static final int ROWS = 12_000;
    private static final String DDL = "(k INTEGER, g VARCHAR, big DECIMAL(38,10), amt DECIMAL(30,2), small DECIMAL(12,2))";
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("k", ColumnType.INTEGER),
            Column.nullable("g", ColumnType.VARCHAR),
            Column.nullable("big", ColumnType.decimal(38, 10)),
            Column.nullable("amt", ColumnType.decimal(30, 2)),
            Column.nullable("small", ColumnType.decimal(12, 2)));

    private DepotSql depot;
    private Connection duckdb;

    @BeforeAll
    void load() throws SQLException, IOException {
        List<List<Object>> rows = generate(new Random(11), ROWS);
        List<List<Object>> dimension = generate(new Random(12), 300);
        // Shared keys so joins on the wide column match.
        for (int i = 0; i < dimension.size(); i += 3) {
            dimension.get(i).set(2, rows.get(i * 7).get(2));
        }
        depot = DepotSql.temporary();
        SqlTestSupport.writeTable(depot, "w", SCHEMA, rows.subList(0, ROWS / 2));
        SqlTestSupport.writeTable(depot, "w", SCHEMA, rows.subList(ROWS / 2, ROWS));
        SqlTestSupport.writeTable(depot, "dim", SCHEMA, dimension);
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        copyIntoDuckDb("w", rows);
        copyIntoDuckDb("dim", dimension);
    }

    private void copyIntoDuckDb(String table, List<List<Object>> rows) throws SQLException, IOException {
        Path csv = Files.createTempFile("depot-wide-", ".csv");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                for (List<Object> row : rows) {
                    StringBuilder line = new StringBuilder();
                    for (int c = 0; c < row.size(); c++) {
                        Object value = row.get(c);
                        line.append(c > 0 ? "," : "").append(value == null ? "\\N"
                                : value instanceof BigDecimal decimal ? decimal.toPlainString()
                                : value instanceof String text ? '"' + text + '"' : value.toString());
                    }
                    out.write(line.append('\n').toString());
                }
            }
            try (Statement statement = duckdb.createStatement()) {
                statement.execute("CREATE TABLE " + table + " " + DDL);
                statement.execute("COPY " + table + " FROM '" + csv + "' (FORMAT csv, HEADER false, NULL '\\N')");
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    @AfterAll
    void close() throws SQLException {
        depot.close();
        duckdb.close();
    }

    static Stream<String> unorderedQueries() {
        return Stream.of(
                "SELECT * FROM w",
                "SELECT g, COUNT(big), SUM(big), MIN(big), MAX(big), SUM(amt), MIN(amt), MAX(amt) FROM w GROUP BY g",
                "SELECT COUNT(*), SUM(big), SUM(amt), MIN(big), MAX(amt) FROM w WHERE k < 0",
                "SELECT g, CAST(AVG(big) AS DOUBLE), CAST(AVG(amt) AS DOUBLE) FROM w GROUP BY g",
                "SELECT g, CAST(VAR_POP(big) AS DOUBLE), CAST(STDDEV_SAMP(amt) AS DOUBLE), "
                        + "CAST(STDDEV_POP(big) AS DOUBLE) FROM w GROUP BY g",
                "SELECT big + amt, big - amt, amt * small, -big, amt + small, big * 2 FROM w WHERE k < 30",
                "SELECT k, big FROM w WHERE big > 0 AND amt < 1000",
                "SELECT k, amt FROM w WHERE amt > small",
                "SELECT k FROM w WHERE big >= 12345678901234.5 OR big = -1",
                "SELECT k, big FROM w WHERE big IN (SELECT big FROM dim WHERE k < 40) OR amt IN (0, 1.5, -2.25)",
                "SELECT COUNT(*) FROM w WHERE amt NOT IN (1, 2, 3) AND big NOT IN (0, 12345678901234.5)",
                "SELECT k, big FROM w WHERE big IN (SELECT big FROM dim)",
                "SELECT big, COUNT(*), SUM(amt) FROM w GROUP BY big",
                "SELECT a.k, b.k, a.big FROM w a JOIN dim b ON a.big = b.big",
                "SELECT COUNT(*), SUM(a.amt) FROM w a LEFT JOIN dim b ON a.big = b.big WHERE b.k IS NULL",
                "SELECT CAST(big AS VARCHAR), CAST(amt AS DOUBLE), CAST(small AS DECIMAL(38,4)), "
                        + "CAST(amt AS DECIMAL(36,6)), CAST(big AS DECIMAL(30,3)) FROM w WHERE k < 20",
                "SELECT CAST(k AS DECIMAL(30,5)), CAST(CAST(big AS VARCHAR) AS DECIMAL(38,10)) FROM w WHERE k < 10",
                "SELECT COALESCE(big, amt), CASE WHEN k > 50 THEN big ELSE amt END FROM w WHERE k < 90",
                "SELECT DISTINCT amt FROM w WHERE k < 20",
                "SELECT ABS(big), ROUND(big, 2), ROUND(amt, -3), FLOOR(amt), CEIL(big), ROUND(small, 1) FROM w WHERE k < 25",
                // DuckDB divides decimals in DOUBLE: compare the quotients as doubles. Calcite's
                // quotient type keeps the integer digits and gives up scale past 38 digits, so the
                // quotients here are large enough that the kept scale is far below 1e-12 relative.
                "SELECT CAST(amt / big AS DOUBLE), CAST(amt / small AS DOUBLE), amt % small, big % 7 FROM w "
                        + "WHERE k < 15 AND big <> 0 AND small <> 0 AND ABS(big) < 1000000000000000",
                "SELECT k, amt FROM w WHERE amt BETWEEN -1000000000000000000000.5 AND 100000000000000000000000",
                "SELECT CAST(SUM(small) AS DECIMAL(38,2)) + SUM(amt), SUM(CAST(small AS DECIMAL(38,2))) FROM w",
                "SELECT k, g, SUM(big) OVER (PARTITION BY g), SUM(amt) OVER (PARTITION BY g, k), "
                        + "CAST(AVG(big) OVER (PARTITION BY k) AS DOUBLE), MIN(amt) OVER (PARTITION BY g), "
                        + "MAX(big) OVER (PARTITION BY k) FROM w",
                "SELECT COUNT(DISTINCT big) FROM w");
    }

    static Stream<String> orderedQueries() {
        return Stream.of(
                "SELECT big, k FROM w ORDER BY big DESC NULLS LAST, k LIMIT 25",
                "SELECT amt FROM w ORDER BY amt NULLS FIRST LIMIT 40",
                "SELECT g, SUM(big) AS s FROM w WHERE g IS NOT NULL GROUP BY g ORDER BY s");
    }

    @ParameterizedTest
    @MethodSource("unorderedQueries")
    void sameRowsAsDuckDb(String sql) throws SQLException {
        List<List<Object>> expected = canonical(SqlTestSupport.query(duckdb, sql));
        List<List<Object>> actual = canonical(SqlTestSupport.query(depot, sql));
        Comparator<List<Object>> order = Comparator.comparing(Object::toString);
        expected.sort(order);
        actual.sort(order);
        assertSame(sql, actual, expected);
    }

    @ParameterizedTest
    @MethodSource("orderedQueries")
    void sameRowsInSameOrderAsDuckDb(String sql) throws SQLException {
        assertSame(sql, canonical(SqlTestSupport.query(depot, sql)), canonical(SqlTestSupport.query(duckdb, sql)));
    }

    @Test
    void extremesRoundTripAndOverflowIsAnError() {
        BigDecimal max = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE), 2);
        TableSchema schema = TableSchema.of(Column.nullable("v", ColumnType.decimal(38, 2)));
        SqlTestSupport.writeTable(depot, "edges", schema,
                List.of(Arrays.asList(max), Arrays.asList(max.negate()), Arrays.asList((Object) null)));
        assertThat(SqlTestSupport.query(depot, "SELECT MIN(v), MAX(v), COUNT(v) FROM edges"))
                .containsExactly(Arrays.asList(max.negate(), max, 1L + 1L));
        assertThat(SqlTestSupport.query(depot, "SELECT v FROM edges WHERE v > 0"))
                .containsExactly(Arrays.asList(max));
        assertThatThrownBy(() -> SqlTestSupport.query(depot, "SELECT v + 1 FROM edges WHERE v > 0"))
                .isInstanceOf(DepotException.class).hasMessageContaining("numeric overflow");
        assertThatThrownBy(() -> SqlTestSupport.query(depot, "SELECT SUM(v) FROM edges WHERE v > 0 OR v IS NULL "
                + "UNION ALL SELECT SUM(v + v) FROM edges WHERE v > 0"))
                .isInstanceOf(DepotException.class).hasMessageContaining("numeric overflow");
        assertThatThrownBy(() -> SqlTestSupport.query(depot, "SELECT v * v FROM edges WHERE v > 0"))
                .isInstanceOf(DepotException.class).hasMessageContaining("numeric overflow");
        assertThat(SqlTestSupport.query(depot, "SELECT SUM(v) FROM edges"))
                .containsExactly(Arrays.asList(new BigDecimal("0.00")));
    }

    @Test
    void narrowArithmeticStaysLongBackedAndSumsOfNarrowDecimalsKeepTheirType() {
        TableSchema schema = TableSchema.of(Column.nullable("p", ColumnType.decimal(15, 2)));
        SqlTestSupport.writeTable(depot, "narrow", schema,
                List.of(Arrays.asList(new BigDecimal("1.25")), Arrays.asList(new BigDecimal("2.50"))));
        try (var result = depot.prepare("SELECT p * (1 - p), SUM(p) OVER (), CAST(p AS DECIMAL(38,2)) * p FROM narrow")
                .executeQuery()) {
            assertThat(result.columns()).extracting(Column::type).containsExactly(
                    ColumnType.decimal(18, 4), ColumnType.decimal(18, 2), ColumnType.decimal(38, 4));
        }
        try (var result = depot.prepare("SELECT SUM(p), AVG(p) FROM narrow").executeQuery()) {
            assertThat(result.columns()).extracting(Column::type)
                    .containsExactly(ColumnType.decimal(18, 2), ColumnType.decimal(18, 6));
        }
    }

    private static void assertSame(String sql, List<List<Object>> actual, List<List<Object>> expected) {
        assertThat(actual).as(sql).hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < expected.get(r).size(); c++) {
                Object a = actual.get(r).get(c);
                Object e = expected.get(r).get(c);
                if (a instanceof Double ad && e instanceof Double ed) {
                    assertThat(ad).as("%s row %d column %d", sql, r, c)
                            .isCloseTo(ed, Offset.offset(1e-9 * Math.max(1, Math.abs(ed))));
                } else {
                    assertThat(a).as("%s row %d column %d: %s", sql, r, c, actual.get(r)).isEqualTo(e);
                }
            }
        }
    }

    /** Exact numbers without trailing zeros (DuckDB and Depot may differ in scale), doubles as doubles. */
    private static List<List<Object>> canonical(List<List<Object>> rows) {
        List<List<Object>> result = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> values = new ArrayList<>();
            for (Object value : row) {
                if (value instanceof BigDecimal decimal) {
                    values.add(decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros());
                } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
                    values.add(new BigDecimal(value.toString()).stripTrailingZeros());
                } else if (value instanceof Float || value instanceof Double) {
                    values.add(((Number) value).doubleValue());
                } else {
                    values.add(value);
                }
            }
            result.add(values);
        }
        return result;
    }

    /** Rows with wide values of up to 23 digits (some repeated, for groups and joins), 1 in 9 NULL. */
    private static List<List<Object>> generate(Random random, int count) {
        List<BigDecimal> pool = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pool.add(wide(random, 23, 10));
        }
        String[] groups = {"a", "b", "서울", null, "zz"};
        List<List<Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new ArrayList<>(Arrays.asList(
                    random.nextInt(12) == 0 ? null : random.nextInt(100),
                    groups[random.nextInt(groups.length)],
                    random.nextInt(9) == 0 ? null : random.nextBoolean() ? pool.get(random.nextInt(pool.size()))
                            : wide(random, 23, 10),
                    random.nextInt(9) == 0 ? null : wide(random, 25, 2),
                    random.nextInt(9) == 0 ? null : BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2))));
        }
        return rows;
    }

    private static BigDecimal wide(Random random, int digits, int scale) {
        BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
    }
}
