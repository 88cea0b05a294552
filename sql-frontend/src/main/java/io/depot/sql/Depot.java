package io.depot.sql;

import static java.util.Objects.requireNonNull;

import io.depot.sql.jdbc.DepotDriver;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.ingest.LoadResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Depot embedded in a Java application: open a database directory, load files, query it over
 * JDBC, close it.
 *
 * <pre>{@code
 * try (Depot depot = Depot.open(Path.of("warehouse"))) {
 *     depot.load("sales", Path.of("sales.csv"));
 *     try (Connection connection = depot.connection();
 *          ResultSet result = connection.createStatement().executeQuery("SELECT COUNT(*) FROM sales")) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>It is the embedded JDBC driver underneath: {@link #connection()} is
 * {@code DriverManager.getConnection("jdbc:depot:<directory>")}, and every connection to the
 * directory in this JVM, through this object or not, shares one open database. The database
 * closes when this object and every connection it gave out are closed. Thread-safe.
 *
 * <p>The JVM needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (Apache Arrow).
 */
public final class Depot implements AutoCloseable {
    private final String url;
    /** Keeps the database open while this object lives. */
    private final Connection anchor;

    private Depot(String url) {
        this.url = url;
        this.anchor = connect(url);
    }

    /** Opens the database in this directory, creating it when absent. */
    public static Depot open(Path directory) {
        requireNonNull(directory, "directory is null");
        return new Depot("jdbc:depot:" + directory.toAbsolutePath());
    }

    /** A throw-away in-memory database, deleted when this object and its connections close. */
    public static Depot inMemory() {
        return new Depot("jdbc:depot:mem:" + UUID.randomUUID());
    }

    /** The JDBC URL of the database, for tools and pools in this JVM. */
    public String url() {
        return url;
    }

    /** A new JDBC connection to the database; the caller closes it. */
    public Connection connection() {
        return connect(url);
    }

    /** Loads CSV files into a table in one commit (see {@link CsvLoader}); creates the table when absent. */
    public LoadResult load(String table, Path... files) {
        return load(table, List.of(files), CsvOptions.defaults());
    }

    /** Loads CSV files into a table in one commit, with these options. */
    public LoadResult load(String table, List<Path> files, CsvOptions options) {
        return CsvLoader.load(sql().database(), table, files, options);
    }

    /** The database for SQL without JDBC (results as Arrow batches). */
    public DepotSql sql() {
        try {
            if (anchor.isClosed()) {
                throw new DepotException(ErrorCode.USER, "The database is closed");
            }
            return anchor.unwrap(DepotSql.class);
        } catch (SQLException e) {
            throw new DepotException(ErrorCode.USER, "The database is closed", e);
        }
    }

    @Override
    public void close() {
        try {
            anchor.close();
        } catch (SQLException e) {
            throw new DepotException(ErrorCode.INTERNAL, "Closing the database failed: " + e.getMessage(), e);
        }
    }

    private static Connection connect(String url) {
        try {
            return new DepotDriver().connect(url, new Properties());
        } catch (SQLException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof DepotException depot) {
                    throw depot;
                }
            }
            throw new DepotException(ErrorCode.USER, e.getMessage(), e);
        }
    }
}
