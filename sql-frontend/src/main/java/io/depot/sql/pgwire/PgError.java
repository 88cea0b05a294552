package io.depot.sql.pgwire;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;

/**
 * An error as an ErrorResponse carries it: severity, SQLSTATE and message. Depot's error
 * categories give the SQLSTATE class; a few common cases get PostgreSQL's exact code, which
 * clients and tools act on (SQLAlchemy, for instance, tells "no such table" apart).
 */
record PgError(String severity, String sqlState, String message) {
    static final String FEATURE_NOT_SUPPORTED = "0A000";
    static final String READ_ONLY_TRANSACTION = "25006";
    static final String INVALID_PASSWORD = "28P01";
    static final String QUERY_CANCELED = "57014";
    static final String PROTOCOL_VIOLATION = "08P01";
    static final String UNDEFINED_OBJECT = "42704";

    static PgError error(String sqlState, String message) {
        return new PgError("ERROR", sqlState, message);
    }

    static PgError fatal(String sqlState, String message) {
        return new PgError("FATAL", sqlState, message);
    }

    /** The error a failed statement reports. */
    static PgError of(Throwable failure) {
        if (failure instanceof PgException known) {
            return known.error();
        }
        DepotException depot = depotCause(failure);
        if (depot == null) {
            String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            return error(ErrorCode.INTERNAL.sqlState(), message);
        }
        return error(sqlState(depot), depot.getMessage());
    }

    private static String sqlState(DepotException error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (message.contains("read-only")) {
            return READ_ONLY_TRANSACTION;
        }
        if (message.startsWith("Query was cancelled") || message.contains("exceeded its time limit")) {
            return QUERY_CANCELED;
        }
        if (error.code() == ErrorCode.USER) {
            if (message.matches("(?s).*(Table|Object|View) '[^']*' not found.*")) {
                return "42P01";
            }
            if (message.matches("(?s).*Column '[^']*' not found.*")) {
                return "42703";
            }
            if (message.matches("(?s).*(Encountered|Non-query expression|parse|Lexical error).*")) {
                return "42601";
            }
        }
        return error.code().sqlState();
    }

    private static DepotException depotCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DepotException depot) {
                return depot;
            }
        }
        return null;
    }
}
