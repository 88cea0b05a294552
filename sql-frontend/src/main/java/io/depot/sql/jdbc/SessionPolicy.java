package io.depot.sql.jdbc;

import static java.util.Objects.requireNonNull;

import io.depot.sql.FileAccess;

/**
 * What one connection's session may do and how long its queries may run.
 *
 * @param readOnly whether only queries are allowed (statements for which
 *     {@code PreparedSql.isQuery()} is false are refused, so DDL and DML stay refused as they
 *     are added)
 * @param fileAccess the files on the database host the session's SQL may read
 * @param queryTimeoutMillis the longest a query may run, from execution until its last row is
 *     read or it is closed; 0 for no limit. A statement's own {@code setQueryTimeout} applies
 *     when shorter.
 */
public record SessionPolicy(boolean readOnly, FileAccess fileAccess, long queryTimeoutMillis) {
    /** An embedded application's session: it may do anything the process may. */
    public static final SessionPolicy EMBEDDED = new SessionPolicy(false, FileAccess.UNRESTRICTED, 0);

    public SessionPolicy {
        requireNonNull(fileAccess, "fileAccess is null");
        if (queryTimeoutMillis < 0) {
            throw new IllegalArgumentException("query timeout must not be negative: " + queryTimeoutMillis);
        }
    }

    /**
     * The time limit for a statement whose own timeout is {@code statementMillis} (0 for none):
     * the shorter of it and the session's, 0 when neither has one.
     */
    long effectiveTimeoutMillis(long statementMillis) {
        if (statementMillis <= 0) {
            return queryTimeoutMillis;
        }
        return queryTimeoutMillis <= 0 ? statementMillis : Math.min(statementMillis, queryTimeoutMillis);
    }
}
