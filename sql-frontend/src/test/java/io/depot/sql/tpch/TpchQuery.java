package io.depot.sql.tpch;

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
record TpchQuery(String name, String sql, List<Integer> sortKeyColumns) {
    static final int COUNT = 22;
    private static final String SORT_KEY_PREFIX = "-- sort key columns:";

    static List<TpchQuery> all() {
        return IntStream.rangeClosed(1, COUNT).mapToObj(number -> load(String.format("q%02d", number))).toList();
    }

    static TpchQuery load(String name) {
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

    /** The name alone, so test reports read "q01" rather than the whole SQL. */
    @Override
    public String toString() {
        return name;
    }
}
