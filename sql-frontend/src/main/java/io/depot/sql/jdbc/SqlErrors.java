package io.depot.sql.jdbc;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;

/**
 * Turns Depot's exceptions into what JDBC callers see: an {@link SQLException} whose message is
 * Depot's message and whose SQLState comes from the {@link ErrorCode}.
 *
 * <p>Avatica wraps whatever a {@code Meta} throws into an SQLException with its own prefix
 * ("Error while executing SQL ..."); {@link #clean} undoes that for the JDBC classes here.
 */
final class SqlErrors {
    /** Vendor code of every Depot error; the SQLState carries the category. */
    private static final int VENDOR_CODE = 0;

    private SqlErrors() {}

    /**
     * The exception a {@code Meta} method throws for a failure of Depot. It keeps the SQLState
     * when Avatica wraps it (Avatica recognizes this class) and the original as its cause.
     */
    static AvaticaClientRuntimeException toAvatica(RuntimeException e) {
        if (e instanceof AvaticaClientRuntimeException avatica) {
            return avatica;
        }
        AvaticaClientRuntimeException avatica = new AvaticaClientRuntimeException(
                message(e), VENDOR_CODE, sqlState(e), AvaticaSeverity.ERROR, List.of(), null);
        avatica.initCause(e);
        return avatica;
    }

    /** An SQLException for a failure of Depot, with Depot's message and SQLState. */
    static SQLException toSqlException(RuntimeException e) {
        return new SQLException(message(e), sqlState(e), VENDOR_CODE, e);
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
            if (cause instanceof AvaticaClientRuntimeException avatica && avatica.getCause() instanceof RuntimeException original) {
                return toSqlException(original);
            }
        }
        return e;
    }

    private static String message(RuntimeException e) {
        // a Depot message is written for users; anything else is a bug, named by its class
        return e instanceof DepotException ? e.getMessage() : e.toString();
    }

    private static String sqlState(RuntimeException e) {
        ErrorCode code = e instanceof DepotException depot ? depot.code() : ErrorCode.INTERNAL;
        return code.sqlState();
    }
}
