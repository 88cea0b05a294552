package io.depot.sql.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * The Depot JDBC driver: embedded {@code jdbc:depot:<directory>}, {@code jdbc:depot:mem:} and
 * {@code jdbc:depot:mem:<name>} (see {@link DepotUrl}), where queries run in this JVM and
 * connections to one database share one {@code DepotSql}; and
 * {@code jdbc:depot:remote:url=http://host:port} for {@code depot serve} (see {@link RemoteUrl}).
 *
 * <p>Loading the class registers the driver with {@link java.sql.DriverManager}, which also
 * finds it through {@code META-INF/services/java.sql.Driver}.
 */
public final class DepotDriver extends UnregisteredDriver {
    static final String NAME = "Depot JDBC Driver";
    static final String PRODUCT_NAME = "Depot";
    static final String VERSION = "0.1.0";
    private static final int MAJOR_VERSION = 0;
    private static final int MINOR_VERSION = 1;

    static {
        new DepotDriver().register();
    }

    @Override
    protected String getConnectStringPrefix() {
        return DepotUrl.PREFIX;
    }

    @Override
    protected String getFactoryClassName(JdbcVersion jdbcVersion) {
        return DepotJdbcFactory.class.getName();
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return new DriverVersion(
                NAME, VERSION, PRODUCT_NAME, VERSION, true, MAJOR_VERSION, MINOR_VERSION, MAJOR_VERSION, MINOR_VERSION);
    }

    @Override
    public Meta createMeta(AvaticaConnection connection) {
        return new DepotMeta((DepotConnection) connection);
    }

    /**
     * Opens a connection. Unlike Avatica's default, the text after the prefix is a location (a
     * directory may contain {@code ;} or {@code =}), not a list of properties; properties come
     * only from {@code info}.
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        if (RemoteUrl.isRemote(url)) {
            return RemoteUrl.connect(url, info == null ? new Properties() : info);
        }
        Properties properties = new Properties();
        if (info != null) {
            properties.putAll(info);
        }
        try {
            AvaticaConnection connection = factory.newConnection(this, factory, url, properties);
            handler.onConnectionInit(connection);
            return connection;
        } catch (RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }
}
