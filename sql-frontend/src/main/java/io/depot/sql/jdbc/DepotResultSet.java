package io.depot.sql.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * A result set that reads a query's batches through {@link DepotCursor}. Catalog result sets
 * (getTables...) have no Depot run and use Avatica's own cursor over their rows.
 */
final class DepotResultSet extends AvaticaResultSet {
    DepotResultSet(
            AvaticaStatement statement, QueryState state, Meta.Signature signature, ResultSetMetaData metaData,
            TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
        super(statement, state, signature, metaData, timeZone, firstFrame);
    }

    @Override
    protected AvaticaResultSet execute() throws SQLException {
        DepotConnection connection = (DepotConnection) statement.connection;
        Optional<ResultRows> rows = connection.depotMeta().takeRun(statement.handle);
        if (rows.isEmpty()) {
            return super.execute();
        }
        return execute2(new DepotCursor(rows.get()), columnMetaDataList);
    }
}
