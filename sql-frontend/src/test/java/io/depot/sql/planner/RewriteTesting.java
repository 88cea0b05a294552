package io.depot.sql.planner;

import io.depot.sql.DepotSql;
import io.depot.sql.ResultComparison;
import io.depot.sql.SqlTestSupport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs statements on Depot and DuckDB alike, and compares a query's answers with one of Depot's
 * rewrites on, off ({@code depot.planner.disable}) and on DuckDB.
 */
final class RewriteTesting {
    private RewriteTesting() {}

    /** Runs each statement (CREATE TABLE, INSERT ...) on both engines. */
    static void execute(DepotSql depot, Connection duckdb, String... statements) throws SQLException {
        try (Statement statement = duckdb.createStatement()) {
            for (String sql : statements) {
                depot.prepare(sql).executeUpdate();
                statement.execute(sql);
            }
        }
    }

    /** Depot's plan of the query, one line per node. */
    static String explain(DepotSql depot, String sql) {
        List<String> lines = new ArrayList<>();
        SqlTestSupport.query(depot, "EXPLAIN " + sql).forEach(row -> lines.add(String.valueOf(row.get(0))));
        return String.join("\n", lines);
    }

    /** The plan with the rewrite switched off. */
    static String explainWithout(String rewrite, DepotSql depot, String sql) {
        return without(rewrite, () -> explain(depot, sql));
    }

    /** Asserts the query's rows are the same with the rewrite, without it, and on DuckDB (as multisets). */
    static void assertSameAnswers(String rewrite, DepotSql depot, Connection duckdb, String sql) throws SQLException {
        List<List<Object>> expected = sorted(SqlTestSupport.query(duckdb, sql));
        List<List<Object>> with = sorted(SqlTestSupport.query(depot, sql));
        List<List<Object>> withoutRewrite = sorted(without(rewrite, () -> SqlTestSupport.query(depot, sql)));
        ResultComparison.assertSameRows("with " + rewrite + ": " + sql, with, expected, 1e-6);
        ResultComparison.assertSameRows("without " + rewrite + ": " + sql, withoutRewrite, expected, 1e-6);
    }

    private static <T> T without(String rewrite, Supplier<T> action) {
        String previous = System.getProperty("depot.planner.disable");
        System.setProperty("depot.planner.disable", rewrite);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                System.clearProperty("depot.planner.disable");
            } else {
                System.setProperty("depot.planner.disable", previous);
            }
        }
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> canonical = new ArrayList<>(ResultComparison.canonical(rows));
        canonical.sort(ResultComparison.ROW_ORDER);
        return canonical;
    }
}
