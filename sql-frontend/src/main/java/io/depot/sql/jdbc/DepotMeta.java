package io.depot.sql.jdbc;

import io.depot.sql.schema.DepotSchema;
import java.sql.SQLException;
import java.util.Optional;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * The {@code Meta} of one embedded connection: its single {@link Session} runs with
 * {@link SessionPolicy#EMBEDDED}, and row limits and timeouts come from the JDBC statement.
 */
final class DepotMeta extends SessionMeta {
    private final DepotConnection depotConnection;

    DepotMeta(DepotConnection connection) {
        super(connection);
        this.depotConnection = connection;
        connProps.setAutoCommit(true);
        connProps.setReadOnly(false);
        connProps.setSchema(DepotSchema.DEFAULT_SCHEMA);
    }

    @Override
    Session session(ConnectionHandle connectionHandle) {
        return depotConnection.session();
    }

    /** The statement's {@code setMaxRows} limit, which Avatica does not pass to execute. */
    @Override
    long maxRows(StatementHandle handle, long requested) {
        AvaticaStatement statement = depotConnection.statementMap.get(handle.id);
        if (statement == null) {
            return requested <= 0 ? ResultRows.UNLIMITED : requested;
        }
        try {
            long maxRows = statement.getLargeMaxRows();
            return maxRows <= 0 ? ResultRows.UNLIMITED : maxRows;
        } catch (SQLException e) {
            return ResultRows.UNLIMITED;
        }
    }

    @Override
    long statementTimeoutMillis(StatementHandle handle) {
        AvaticaStatement statement = depotConnection.statementMap.get(handle.id);
        try {
            return statement == null ? 0 : statement.getQueryTimeout() * 1000L;
        } catch (SQLException e) {
            return 0;
        }
    }

    @Override
    int frameRows(int requested) {
        return requested < 0 ? Integer.MAX_VALUE : requested;
    }

    @Override
    public void closeConnection(ConnectionHandle connectionHandle) {
        depotConnection.session().close();
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle connectionHandle, ConnectionProperties properties) {
        ConnectionProperties merged = super.connectionSync(connectionHandle, properties);
        // autocommit cannot be turned off; report the truth to tools that try
        connProps.setAutoCommit(true);
        return merged;
    }

    /**
     * The open run of a statement that no result set reads yet, for the result set the
     * statement's execution is creating.
     */
    Optional<ResultRows> takeRun(StatementHandle handle) {
        ResultRows rows = depotConnection.session().run(handle.id);
        return rows != null && rows.attach() ? Optional.of(rows) : Optional.empty();
    }
}
