package io.depot.benchmarks.tpch;

import io.depot.sql.tpch.TpchData;
import io.trino.tpch.TpchTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/** DuckDB in process over JDBC, in a database file, loaded with COPY as its users would. */
final class DuckDbEngine extends JdbcEngine {
    private final Path file;
    private final String memoryLimit;
    private final int threads;

    DuckDbEngine(Path file, String memoryLimit, int threads, int timeoutSeconds) {
        super(timeoutSeconds);
        this.file = file;
        this.memoryLimit = memoryLimit;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "DuckDB";
    }

    @Override
    public String description() {
        return "DuckDB " + version() + " (JDBC, in process, database file, threads=" + threads
                + ", memory_limit=" + memoryLimit + ")";
    }

    private String version() {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT version()")) {
            result.next();
            return result.getString(1);
        } catch (Exception e) {
            return "(version unknown)";
        }
    }

    @Override
    public void load(Map<TpchTable<?>, Path> csvFiles) throws Exception {
        Files.deleteIfExists(file);
        Files.deleteIfExists(wal());
        connection = DriverManager.getConnection("jdbc:duckdb:" + file);
        executeStatements("SET memory_limit = '" + memoryLimit + "'", "SET threads = " + threads);
        for (Map.Entry<TpchTable<?>, Path> table : csvFiles.entrySet()) {
            TpchData.loadDuckDb(connection, table.getKey(), table.getValue());
        }
        // Into the database file, so the bytes on disk are the tables'.
        executeStatements("CHECKPOINT");
    }

    private Path wal() {
        return file.resolveSibling(file.getFileName() + ".wal");
    }

    @Override
    public long bytesOnDisk() throws Exception {
        return DirectorySize.bytes(file) + DirectorySize.bytes(wal());
    }

    @Override
    public String memoryNote() throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT memory_usage, memory_limit FROM pragma_database_size()")) {
            return result.next() ? "in use after its queries " + result.getString(1) + " (limit " + result.getString(2) + ")" : null;
        }
    }
}
