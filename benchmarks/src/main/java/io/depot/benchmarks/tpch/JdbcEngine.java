package io.depot.benchmarks.tpch;

import io.depot.sql.SqlTestSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A peer engine reached over JDBC in this process; a query that runs out of time is cancelled. */
abstract class JdbcEngine implements BenchmarkEngine {
    private final int timeoutSeconds;
    protected Connection connection;
    private volatile Statement running;

    JdbcEngine(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public List<List<Object>> execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            running = statement;
            try {
                // The engine's own timeout where it has one; stop() cancels in any case.
                statement.setQueryTimeout(timeoutSeconds);
            } catch (SQLException e) {
                // Not supported: the watchdog's cancel is the timeout.
            }
            try (ResultSet result = statement.executeQuery(sql)) {
                return SqlTestSupport.rows(result);
            }
        } finally {
            running = null;
        }
    }

    @Override
    public void stop(Thread worker) {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                worker.interrupt();
            }
        }
    }

    /** Runs statements that return no rows (DDL, COPY, settings). */
    protected void executeStatements(String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
