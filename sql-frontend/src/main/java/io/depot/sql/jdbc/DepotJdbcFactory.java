package io.depot.sql.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Creates Depot's JDBC objects for Avatica (JDBC 4.1 and later). Avatica instantiates it by
 * name, see {@link DepotDriver}; it needs a public no-argument constructor.
 */
public final class DepotJdbcFactory implements AvaticaFactory {
    private static final int JDBC_MAJOR_VERSION = 4;
    private static final int JDBC_MINOR_VERSION = 1;

    @Override
    public int getJdbcMajorVersion() {
        return JDBC_MAJOR_VERSION;
    }

    @Override
    public int getJdbcMinorVersion() {
        return JDBC_MINOR_VERSION;
    }

    @Override
    public AvaticaConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
        return new DepotConnection(driver, factory, url, info);
    }

    @Override
    public AvaticaStatement newStatement(
            AvaticaConnection connection, Meta.StatementHandle handle, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) {
        return new DepotStatement(connection, handle, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public AvaticaPreparedStatement newPreparedStatement(
            AvaticaConnection connection, Meta.StatementHandle handle, Meta.Signature signature, int resultSetType,
            int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        return new DepotPreparedStatement(
                connection, handle, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public AvaticaResultSet newResultSet(
            AvaticaStatement statement, QueryState state, Meta.Signature signature, TimeZone timeZone,
            Meta.Frame firstFrame) throws SQLException {
        ResultSetMetaData metaData = newResultSetMetaData(statement, signature);
        return new DepotResultSet(statement, state, signature, metaData, timeZone, firstFrame);
    }

    @Override
    public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
        return new DepotDatabaseMetaData(connection);
    }

    @Override
    public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement, Meta.Signature signature) {
        return new AvaticaResultSetMetaData(statement, null, signature);
    }

    /** Avatica's metadata, whose constructor is protected; the catalog calls go to {@link DepotMeta}. */
    private static final class DepotDatabaseMetaData extends AvaticaDatabaseMetaData {
        private DepotDatabaseMetaData(AvaticaConnection connection) {
            super(connection);
        }
    }
}
