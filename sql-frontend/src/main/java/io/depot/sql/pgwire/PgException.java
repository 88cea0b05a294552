package io.depot.sql.pgwire;

/** A statement failed with an error that already has its PostgreSQL SQLSTATE. */
final class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient PgError error;

    PgException(PgError error) {
        super(error.message());
        this.error = error;
    }

    PgError error() {
        return error;
    }
}
