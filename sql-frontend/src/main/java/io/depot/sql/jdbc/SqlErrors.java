package io.depot.sql.jdbc;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.sql.SQLException;

/**
 * Turns Depot's exceptions into what JDBC callers see: an {@link SQLException} whose message is
 * Depot's message and whose SQLState comes from the {@link ErrorCode}.
 *
 * <p>Avatica wraps whatever a {@code Meta} throws into an SQLException with its own prefix
 * ("Error while executing SQL ...", "while preparing SQL: ...") and keeps the original as the
 * cause; {@link #clean} undoes that wrapping in the JDBC classes here.
 */
final class SqlErrors {
    /** Vendor code of every Depot error; the SQLState carries the category. */
    private static final int VENDOR_CODE = 0;

    private SqlErrors() {}

    /**
     * The exception a {@code Meta} method throws for a failure: a {@link DepotException} as is,
     * anything else (a bug) as an INTERNAL DepotException naming it, so that {@link #clean}
     * always finds one in the cause chain.
     */
    static DepotException forMeta(RuntimeException e) {
        if (e instanceof DepotException depot) {
            return depot;
        }
        return new DepotException(ErrorCode.INTERNAL, e.toString(), e);
    }

    /** An SQLException for a failure of Depot, with Depot's message and SQLState. */
    static SQLException toSqlException(RuntimeException e) {
        DepotException depot = forMeta(e);
        return new SQLException(depot.getMessage(), depot.code().sqlState(), VENDOR_CODE, depot);
    }

    /**
     * Replaces an SQLException that Avatica built around a Depot failure by one with Depot's own
     * message and SQLState; returns any other exception unchanged.
     */
    static SQLException clean(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DepotException depot) {
                return toSqlException(depot);
            }
        }
        return e;
    }
}
