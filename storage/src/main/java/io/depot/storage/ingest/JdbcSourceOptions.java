package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

/**
 * A query against another database, read through its JDBC driver.
 *
 * @param url the source's JDBC URL, e.g. {@code jdbc:postgresql://host/db}
 * @param query a SELECT whose result columns become (or match by name) the table's columns
 * @param user user name, or null to take it from the URL
 * @param password password, or null
 * @param incrementalColumn for incremental pulls: load only rows whose value in this column is
 *     greater than the largest value the table already holds in its column of that name; null loads all rows
 * @param fetchSize rows the driver fetches per round trip
 */
public record JdbcSourceOptions(String url, String query, String user, String password, String incrementalColumn,
        int fetchSize) {
    public static final int DEFAULT_FETCH_SIZE = 10_000;

    public JdbcSourceOptions {
        requireNonNull(url, "url is null");
        requireNonNull(query, "query is null");
        if (fetchSize <= 0) {
            throw new IllegalArgumentException("fetchSize must be positive: " + fetchSize);
        }
    }

    public static JdbcSourceOptions of(String url, String query) {
        return new JdbcSourceOptions(url, query, null, null, null, DEFAULT_FETCH_SIZE);
    }

    public JdbcSourceOptions withCredentials(String newUser, String newPassword) {
        return new JdbcSourceOptions(url, query, newUser, newPassword, incrementalColumn, fetchSize);
    }

    public JdbcSourceOptions withIncrementalColumn(String newIncrementalColumn) {
        return new JdbcSourceOptions(url, query, user, password, newIncrementalColumn, fetchSize);
    }

    /** The URL without anything after '?' (which may hold a password), for messages and the history. */
    String safeUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
