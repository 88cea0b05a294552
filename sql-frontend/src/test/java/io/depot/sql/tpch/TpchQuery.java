package io.depot.sql.tpch;

import io.depot.sql.ResultComparison;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One of the 22 TPC-H queries, read from {@code /tpch/qNN.sql}.
 *
 * @param sortKeyColumns the 1-based output columns the query's ORDER BY sorts on, from the file's
 *     {@code -- sort key columns:} line; empty when the query has no ORDER BY. Rows equal on
 *     these columns may come in any order.
 */
public record TpchQuery(String name, String sql, List<Integer> sortKeyColumns) {
    public static final int COUNT = 22;
    /**
     * For numbers either engine returns as DOUBLE (DuckDB's AVG and decimal division), relative
     * above 1 and absolute below: Depot rounds AVG(DECIMAL) to 6 places, so a small average such as
     * Q1's avg_disc (0.05) can differ from DuckDB's double by 5e-7.
     */
    public static final double RELATIVE_TOLERANCE = 1e-6;
    private static final String SORT_KEY_PREFIX = "-- sort key columns:";

    public static List<TpchQuery> all() {
        return IntStream.rangeClosed(1, COUNT).mapToObj(number -> load(String.format("q%02d", number))).toList();
    }

    public static TpchQuery load(String name) {
        String resource = "/tpch/" + name + ".sql";
        try (InputStream in = TpchQuery.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return new TpchQuery(name, sql, sortKeyColumns(sql));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Integer> sortKeyColumns(String sql) {
        List<Integer> columns = new ArrayList<>();
        for (String line : sql.lines().toList()) {
            if (line.startsWith(SORT_KEY_PREFIX)) {
                Arrays.stream(line.substring(SORT_KEY_PREFIX.length()).split(","))
                        .map(String::strip)
                        .map(Integer::valueOf)
                        .forEach(columns::add);
            }
        }
        return columns;
    }

    /**
     * Asserts Depot's rows are the reference engine's answer to this query: same values (numbers
     * within {@link #RELATIVE_TOLERANCE}), in the order the ORDER BY fixes.
     */
    public void assertSameAnswer(List<List<Object>> depotRows, List<List<Object>> referenceRows) {
        ResultComparison.assertSameRowsInSortOrder(name, ResultComparison.canonical(depotRows),
                ResultComparison.canonical(referenceRows), sortKeyColumns, RELATIVE_TOLERANCE);
    }

    /** The name alone, so test reports read "q01" rather than the whole SQL. */
    @Override
    public String toString() {
        return name;
    }
}
