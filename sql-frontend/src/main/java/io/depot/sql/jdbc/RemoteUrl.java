package io.depot.sql.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code jdbc:depot:remote:url=http://host:port[;property=value...]}: a connection to
 * {@code depot serve} through Avatica's thin driver, with what the server needs filled in:
 * protobuf serialization, BASIC authentication, and the standard {@code user} and
 * {@code password} properties (what DBeaver's and sqlline's login fields set) passed as Avatica's
 * {@code avatica_user} and {@code avatica_password}.
 */
final class RemoteUrl {
    static final String PREFIX = DepotUrl.PREFIX + "remote:";
    private static final String AVATICA_PREFIX = "jdbc:avatica:remote:";

    private RemoteUrl() {}

    static boolean isRemote(String url) {
        return url.startsWith(PREFIX);
    }

    /** The Avatica thin driver URL for a Depot remote URL. */
    static String avaticaUrl(String url) {
        StringBuilder avatica = new StringBuilder(AVATICA_PREFIX).append(url.substring(PREFIX.length()));
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.contains("serialization=")) {
            avatica.append(";serialization=protobuf");
        }
        if (!lower.contains("authentication=")) {
            avatica.append(";authentication=BASIC");
        }
        return avatica.toString();
    }

    static Connection connect(String url, Properties info) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(info);
        copyIfAbsent(properties, "user", "avatica_user");
        copyIfAbsent(properties, "password", "avatica_password");
        return new org.apache.calcite.avatica.remote.Driver().connect(avaticaUrl(url), properties);
    }

    private static void copyIfAbsent(Properties properties, String from, String to) {
        String value = properties.getProperty(from);
        if (value != null && !properties.containsKey(to)) {
            properties.setProperty(to, value);
        }
    }
}
