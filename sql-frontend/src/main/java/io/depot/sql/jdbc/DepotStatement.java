package io.depot.sql.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A plain statement: Avatica's, with Depot's error messages and a {@link #cancel} that stops the
 * running query in the engine (Avatica's only sets a flag its result set checks).
 */
final class DepotStatement extends AvaticaStatement {
    DepotStatement(
            AvaticaConnection connection, Meta.StatementHandle handle, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) {
        super(connection, handle, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    protected void executeInternal(String sql) throws SQLException {
        // a cancel applies to the execution it interrupted, not to the next one
        cancelFlag.set(false);
        try {
            super.executeInternal(sql);
        } catch (SQLException e) {
            throw SqlErrors.clean(e);
        }
    }

    @Override
    public void cancel() throws SQLException {
        super.cancel();
        cancelRun(this);
    }

    /** Stops the statement's query in the engine, so a reader in another thread fails at once. */
    static void cancelRun(AvaticaStatement statement) {
        ((DepotConnection) statement.connection).depotMeta().cancel(statement.handle);
    }
}
