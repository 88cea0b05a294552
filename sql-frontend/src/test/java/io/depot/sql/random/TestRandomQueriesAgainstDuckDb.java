package io.depot.sql.random;

import io.depot.sql.DepotSql;
import io.depot.sql.ResultComparison;
import io.depot.sql.SqlTestSupport;
import io.depot.storage.type.ColumnType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Random tables and random queries (see {@link RandomQueryGenerator}), each run on Depot and on
 * DuckDB and compared as multisets of rows. A failure names the seed and the SQL; rerun one case
 * with {@code -Ddepot.random.seed=N}, or more with {@code -Ddepot.random.queries=N}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestRandomQueriesAgainstDuckDb {
    private static final long SEED = Long.getLong("depot.random.seed", 20261122L);
    private static final int QUERIES = Integer.getInteger("depot.random.queries", 200);
    // Depot averages decimals into DECIMALs of scale 6 where DuckDB gives DOUBLE.
    private static final double TOLERANCE = 1e-6;

    private DepotSql depot;
    private Connection duckdb;

    @BeforeAll
    void load() throws SQLException {
        depot = DepotSql.temporary();
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        RandomTables.load(new Random(SEED), depot, duckdb, valueType());
        // Warm up (class loading, first plans) so no single query carries that cost.
        SqlTestSupport.query(depot, "SELECT COUNT(*) FROM t1");
        SqlTestSupport.query(duckdb, "SELECT COUNT(*) FROM t1");
    }

    /** The type of the tables' decimal column {@code v}. */
    ColumnType valueType() {
        return ColumnType.decimal(10, 2);
    }

    @AfterAll
    void close() throws SQLException {
        depot.close();
        duckdb.close();
    }

    @TestFactory
    Stream<DynamicTest> randomQueries() {
        RandomQueryGenerator generator = new RandomQueryGenerator(new Random(SEED + 1));
        return IntStream.range(0, QUERIES).mapToObj(i -> {
            String sql = generator.query();
            return DynamicTest.dynamicTest("query " + i, () -> compare(i, sql));
        });
    }

    private void compare(int index, String sql) throws SQLException {
        String description = "seed " + SEED + ", query " + index + ": " + sql;
        List<List<Object>> expected;
        List<List<Object>> actual;
        try {
            expected = ResultComparison.canonical(SqlTestSupport.query(duckdb, sql));
        } catch (SQLException e) {
            throw new AssertionError("DuckDB rejected " + description + ": " + e.getMessage(), e);
        }
        try {
            actual = ResultComparison.canonical(SqlTestSupport.query(depot, sql));
        } catch (RuntimeException e) {
            throw new AssertionError("Depot failed " + description + ": " + e.getMessage(), e);
        }
        expected.sort(ResultComparison.ROW_ORDER);
        actual.sort(ResultComparison.ROW_ORDER);
        ResultComparison.assertSameRows(description, actual, expected, TOLERANCE);
    }
}
