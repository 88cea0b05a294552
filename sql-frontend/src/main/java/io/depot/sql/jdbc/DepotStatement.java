package io.depot.sql.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/** A plain statement; it only replaces Avatica's error wrapping by Depot's own messages. */
final class DepotStatement extends AvaticaStatement {
    DepotStatement(
            AvaticaConnection connection, Meta.StatementHandle handle, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) {
        super(connection, handle, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    protected void executeInternal(String sql) throws SQLException {
        try {
            super.executeInternal(sql);
        } catch (SQLException e) {
            throw SqlErrors.clean(e);
        }
    }
}
