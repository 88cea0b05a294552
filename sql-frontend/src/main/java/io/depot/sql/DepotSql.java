package io.depot.sql;

import io.depot.storage.table.Database;
import java.nio.file.Path;

/**
 * A database opened for SQL: the storage, the executor and the Calcite catalog over them.
 * Thread-safe; one instance per database directory per process, shared by all connections.
 */
public final class DepotSql implements AutoCloseable {
    /** Opens (creating if absent) the database in this directory. */
    public static DepotSql open(Path directory) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A throw-away database, deleted on close. */
    public static DepotSql temporary() {
        throw new UnsupportedOperationException("TODO");
    }

    public Database database() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Parses, validates and plans one SQL statement. Errors in the statement are
     * {@code DepotException}s with code USER and a message that names the problem.
     */
    public PreparedSql prepare(String sql) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }
}
