package io.depot.sql.jdbc;

import io.depot.sql.DepotSql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.InternalProperty;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;

/** A connection to one Depot database, which it shares with the JVM's other connections to it. */
final class DepotConnection extends AvaticaConnection {
    private final SharedDatabases.Lease lease;
    private final Session session;

    DepotConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
        super(driver, factory, url, info);
        // what DatabaseMetaData reports about identifiers: as the SQL layer parses them
        properties.put(InternalProperty.CASE_SENSITIVE, false);
        properties.put(InternalProperty.UNQUOTED_CASING, Casing.UNCHANGED);
        properties.put(InternalProperty.QUOTED_CASING, Casing.UNCHANGED);
        properties.put(InternalProperty.QUOTING, Quoting.DOUBLE_QUOTE);
        this.lease = SharedDatabases.acquire(DepotUrl.parse(url));
        this.session = new Session(lease.sql(), SessionPolicy.EMBEDDED);
    }

    /** The connection's statements; the Meta, created before the database is open, asks here. */
    Session session() {
        return session;
    }

    DepotSql sql() {
        return lease.sql();
    }

    DepotMeta depotMeta() {
        return (DepotMeta) meta;
    }

    @Override
    public PreparedStatement prepareStatement(
            String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        try {
            return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
        } catch (SQLException e) {
            throw SqlErrors.clean(e);
        }
    }

    @Override
    protected ResultSet executeQueryInternal(
            AvaticaStatement statement, Meta.Signature signature, Meta.Frame firstFrame, QueryState state, boolean isUpdate)
            throws SQLException {
        resetCancel(statement);
        try {
            return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
        } catch (SQLException e) {
            throw SqlErrors.clean(e);
        }
    }

    /**
     * Besides the JDBC interfaces, unwraps to the {@link DepotSql} of the connection's database,
     * for applications that embed Depot and also load data or plan statements directly.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface == DepotSql.class) {
            return iface.cast(sql());
        }
        return super.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface == DepotSql.class || super.isWrapperFor(iface);
    }

    /** A cancel applies to the execution it interrupted, not to the statement's next one. */
    private void resetCancel(AvaticaStatement statement) {
        try {
            getCancelFlag(statement.handle).set(false);
        } catch (NoSuchStatementException e) {
            throw new IllegalStateException("Avatica creates a missing cancel flag", e);
        }
    }

    @Override
    public void close() throws SQLException {
        if (isClosed()) {
            return;
        }
        // closing the connection first closes its running queries, then the database may go
        try {
            super.close();
        } finally {
            lease.close();
        }
    }
}
