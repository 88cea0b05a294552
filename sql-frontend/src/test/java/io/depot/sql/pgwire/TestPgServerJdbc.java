package io.depot.sql.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import io.depot.sql.server.PasswordHash;
import io.depot.sql.server.Role;
import io.depot.sql.server.ServerOptions;
import io.depot.sql.server.UserStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depot serve --pg-port} through PostgreSQL's own JDBC driver (pgJDBC), as a PostgreSQL client sees it. */
class TestPgServerJdbc {
    private static final int TEST_ITERATIONS = 1_000;

    @TempDir
    private Path directory;
    private DepotSql sql;
    private PgServer server;

    @BeforeEach
    void start() {
        sql = DepotSql.open(directory.resolve("db"));
        Path users = directory.resolve("users.properties");
        UserStore.addUser(users, "analyst", Role.READ_ONLY, "secret-1".toCharArray(), TEST_ITERATIONS);
        UserStore.addUser(users, "loader", Role.READ_WRITE, "secret-2".toCharArray(), TEST_ITERATIONS);
        server = PgServer.start(sql, ServerOptions.local(0, UserStore.load(users)), 0);
    }

    @AfterEach
    void stop() {
        server.close();
        sql.close();
    }

    private Connection connect(String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/depot", properties);
    }

    private void createSales() throws SQLException {
        try (Connection connection = connect("loader", "secret-2"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE sales (id INTEGER, city VARCHAR, amount DECIMAL(10,2), sold_on DATE, "
                    + "sold_at TIMESTAMP, ratio DOUBLE, paid BOOLEAN, big BIGINT)");
            assertThat(statement.executeUpdate("INSERT INTO sales VALUES "
                    + "(1, '서울', 12.50, DATE '2024-01-31', TIMESTAMP '2024-01-31 12:00:00.25', 0.1, TRUE, 9000000000), "
                    + "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL), "
                    + "(3, 'Berlin', -0.05, DATE '1999-12-31', TIMESTAMP '1999-12-31 23:59:59', -1.5e-7, FALSE, -1)"))
                    .isEqualTo(3);
        }
    }

    @Test
    void connectsWithScramAndReportsPostgreSqlSettings() throws SQLException {
        try (Connection connection = connect("analyst", "secret-1")) {
            assertThat(connection.getMetaData().getDatabaseProductVersion()).isEqualTo("14.0");
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SHOW standard_conforming_strings")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("on");
            }
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        assertThatThrownBy(() -> connect("analyst", "wrong").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed for user \"analyst\"")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        assertThatThrownBy(() -> connect("nobody", "secret-1").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed for user \"nobody\"");
    }

    @Test
    void pgJdbcAcceptsTheDefaultHashStrengthOnlyWithScramMaxIterations() throws SQLException {
        Path users = directory.resolve("strong.properties");
        UserStore.addUser(users, "strong", Role.READ_ONLY, "secret-3".toCharArray(), PasswordHash.DEFAULT_ITERATIONS);
        try (PgServer strong = PgServer.start(sql, ServerOptions.local(0, UserStore.load(users)), 0)) {
            String url = "jdbc:postgresql://127.0.0.1:" + strong.port() + "/depot?user=strong&password=secret-3";
            assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                    .hasMessageContaining("scramMaxIterations");
            try (Connection connection = DriverManager.getConnection(url + "&scramMaxIterations=600000");
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
        }
    }

    @Test
    void aReadOnlyUserMayQueryButNotWrite() throws SQLException {
        createSales();
        try (Connection connection = connect("analyst", "secret-1"); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO sales (id) VALUES (4)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("read-only")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
            assertThatThrownBy(() -> statement.execute("DROP TABLE sales")).hasMessageContaining("read-only");
            try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM sales")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void typesRoundTripWithPostgreSqlOids() throws SQLException {
        createSales();
        try (Connection connection = connect("analyst", "secret-1"); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM sales ORDER BY id")) {
            ResultSetMetaData meta = result.getMetaData();
            assertThat(meta.getColumnTypeName(1)).isEqualTo("int4");
            assertThat(meta.getColumnTypeName(2)).isEqualTo("varchar");
            assertThat(meta.getColumnTypeName(3)).isEqualTo("numeric");
            assertThat(meta.getPrecision(3)).isEqualTo(10);
            assertThat(meta.getScale(3)).isEqualTo(2);
            assertThat(meta.getColumnTypeName(4)).isEqualTo("date");
            assertThat(meta.getColumnTypeName(5)).isEqualTo("timestamp");
            assertThat(meta.getColumnTypeName(6)).isEqualTo("float8");
            assertThat(meta.getColumnTypeName(7)).isEqualTo("bool");
            assertThat(meta.getColumnType(8)).isEqualTo(Types.BIGINT);
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
            assertThat(result.getString(2)).isEqualTo("서울");
            assertThat(result.getBigDecimal(3)).isEqualTo(new BigDecimal("12.50"));
            assertThat(result.getObject(4, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 31));
            assertThat(result.getObject(5, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 0, 0, 250_000_000));
            assertThat(result.getString(5)).isEqualTo("2024-01-31 12:00:00.25");
            assertThat(result.getDouble(6)).isEqualTo(0.1);
            assertThat(result.getBoolean(7)).isTrue();
            assertThat(result.getLong(8)).isEqualTo(9_000_000_000L);
            assertThat(result.next()).isTrue();
            for (int column = 2; column <= 8; column++) {
                assertThat(result.getObject(column)).as("column %d", column).isNull();
            }
            assertThat(result.next()).isTrue();
            assertThat(result.getBigDecimal(3)).isEqualTo(new BigDecimal("-0.05"));
            assertThat(result.getString(6)).isEqualTo("-1.5e-07");
            assertThat(result.getString(7)).isEqualTo("f");
            assertThat(result.next()).isFalse();
        }
    }

    @Test
    void preparedStatementsBindParametersAlsoOnceServerPrepared() throws SQLException {
        createSales();
        try (Connection connection = connect("analyst", "secret-1");
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, amount, sold_on, sold_at FROM sales WHERE id >= ? AND city <> ? AND sold_on <= ? "
                                + "AND amount < ? ORDER BY id")) {
            // pgJDBC switches to a named server statement and binary results from the 5th run
            for (int run = 0; run < 8; run++) {
                statement.setInt(1, 1);
                statement.setString(2, "Paris");
                statement.setObject(3, LocalDate.of(2024, 12, 31));
                statement.setBigDecimal(4, new BigDecimal("100.00"));
                try (ResultSet result = statement.executeQuery()) {
                    assertThat(result.next()).as("run %d", run).isTrue();
                    assertThat(result.getInt(1)).isEqualTo(1);
                    assertThat(result.getBigDecimal(2)).isEqualTo(new BigDecimal("12.50"));
                    assertThat(result.getObject(3, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 31));
                    assertThat(result.getObject(4, LocalDateTime.class))
                            .isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 0, 0, 250_000_000));
                    assertThat(result.next()).isTrue();
                    assertThat(result.getInt(1)).isEqualTo(3);
                    assertThat(result.getBigDecimal(2)).isEqualTo(new BigDecimal("-0.05"));
                    assertThat(result.next()).isFalse();
                }
            }
        }
        try (Connection connection = connect("loader", "secret-2");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO sales (id, city, sold_at, ratio, paid, big) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int id = 10; id < 17; id++) {
                insert.setInt(1, id);
                insert.setString(2, "c" + id);
                insert.setObject(3, LocalDateTime.of(2024, 2, 1, 10, 30, 0, 1000));
                insert.setDouble(4, id / 4.0);
                insert.setBoolean(5, id % 2 == 0);
                insert.setLong(6, id * 1_000_000_000L);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(
                            "SELECT COUNT(*), SUM(ratio), SUM(big), MIN(sold_at), SUM(CASE WHEN paid THEN 1 ELSE 0 END) "
                                    + "FROM sales WHERE id >= 10")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(7);
                assertThat(result.getDouble(2)).isEqualTo((10 + 11 + 12 + 13 + 14 + 15 + 16) / 4.0);
                assertThat(result.getLong(3)).isEqualTo(91_000_000_000L);
                assertThat(result.getString(4)).isEqualTo("2024-02-01 10:30:00.000001");
                assertThat(result.getLong(5)).isEqualTo(4);
            }
        }
    }

    @Test
    void anErrorIsReportedAndTheNextStatementRuns() throws SQLException {
        createSales();
        try (Connection connection = connect("analyst", "secret-1"); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT nope FROM sales"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Column 'nope' not found")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42703"));
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM missing"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
            try (PreparedStatement prepared = connection.prepareStatement("SELECT id FROM sales WHERE id = ?")) {
                prepared.setString(1, "not a number");
                assertThatThrownBy(prepared::executeQuery).isInstanceOf(SQLException.class);
            }
            try (ResultSet result = statement.executeQuery("SELECT MAX(id) FROM sales")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void transactionControlAndSessionStatementsDoNotFail() throws SQLException {
        createSales();
        try (Connection connection = connect("analyst", "secret-1")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET application_name = 'superset'");
                try (ResultSet result = statement.executeQuery("SHOW application_name")) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1)).isEqualTo("superset");
                }
                try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM sales")) {
                    assertThat(result.next()).isTrue();
                }
                try (ResultSet result = statement.executeQuery("select current_schema()")) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1)).isEqualTo("main");
                }
            }
            connection.commit();
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @Test
    void largeResultsStreamAndFetchSizeSuspendsThePortal() throws SQLException {
        try (Connection connection = connect("loader", "secret-2"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE numbers (n BIGINT)");
            statement.executeUpdate("INSERT INTO numbers VALUES " + String.join(", ",
                    java.util.stream.IntStream.range(0, 1000).mapToObj(Integer::toString).toList()));
        }
        String cross = "SELECT a.n * 1000 + b.n AS v FROM numbers a CROSS JOIN numbers b";
        try (Connection connection = connect("analyst", "secret-1"); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(cross)) {
            long count = 0;
            long sum = 0;
            while (result.next()) {
                count++;
                sum += result.getLong(1);
            }
            assertThat(count).isEqualTo(1_000_000);
            assertThat(sum).isEqualTo(999_999L * 1_000_000L / 2);
        }
        try (Connection connection = connect("analyst", "secret-1")) {
            // with autocommit off pgJDBC fetches through a portal, 100 rows per Execute
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(100);
                try (ResultSet result = statement.executeQuery(cross)) {
                    int rows = 0;
                    while (rows < 250 && result.next()) {
                        rows++;
                    }
                    assertThat(rows).isEqualTo(250);
                }
            }
            connection.commit();
        }
    }

    @Test
    void aCancelRequestStopsTheRunningQuery() throws Exception {
        try (Connection connection = connect("loader", "secret-2"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE numbers (n BIGINT)");
            statement.executeUpdate("INSERT INTO numbers VALUES " + String.join(", ",
                    java.util.stream.IntStream.range(0, 3000).mapToObj(Integer::toString).toList()));
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection connection = connect("analyst", "secret-1"); Statement statement = connection.createStatement()) {
            Future<Object> running = executor.submit(() -> {
                try (ResultSet result = statement.executeQuery(
                        "SELECT COUNT(*) FROM numbers a, numbers b, numbers c WHERE a.n + b.n + c.n = -1")) {
                    return result.next();
                }
            });
            Thread.sleep(500);
            statement.cancel();
            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SQLException.class)
                    .rootCause().hasMessageContaining("cancelled");
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theServersTimeLimitAndFileRestrictionsApply() throws Exception {
        Path secret = directory.resolve("secret.csv");
        java.nio.file.Files.writeString(secret, "a\n1\n");
        Path users = directory.resolve("users.properties");
        ServerOptions limited = new ServerOptions(ServerOptions.LOCAL_HOST, 0, UserStore.load(users),
                io.depot.sql.FileAccess.NONE, 300, ServerOptions.DEFAULT_FRAME_ROWS, ServerOptions.DEFAULT_IDLE_TIMEOUT_MILLIS);
        try (Connection loader = connect("loader", "secret-2"); Statement statement = loader.createStatement()) {
            statement.execute("CREATE TABLE numbers (n BIGINT)");
            statement.executeUpdate("INSERT INTO numbers VALUES " + String.join(", ",
                    java.util.stream.IntStream.range(0, 3000).mapToObj(Integer::toString).toList()));
        }
        try (PgServer server = PgServer.start(sql, limited, 0);
                Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + server.port() + "/depot?user=analyst&password=secret-1");
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery(
                    "SELECT COUNT(*) FROM numbers a, numbers b, numbers c WHERE a.n + b.n + c.n = -1"))
                    .hasMessageContaining("time limit of 300 ms")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            assertThatThrownBy(() -> statement.executeQuery(
                    "SELECT * FROM read_csv('" + secret.toString().replace("'", "''") + "')"))
                    .hasMessageContaining("is not allowed");
            try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM numbers")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(3000);
            }
        }
    }

    @Test
    void theSessionsStatementTimeoutCancelsLongQueries() throws SQLException {
        try (Connection loader = connect("loader", "secret-2"); Statement statement = loader.createStatement()) {
            statement.execute("CREATE TABLE numbers (n BIGINT)");
            statement.executeUpdate("INSERT INTO numbers VALUES " + String.join(", ",
                    java.util.stream.IntStream.range(0, 3000).mapToObj(Integer::toString).toList()));
        }
        try (Connection connection = connect("analyst", "secret-1"); Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = '200ms'");
            assertThatThrownBy(() -> statement.executeQuery(
                    "SELECT COUNT(*) FROM numbers a, numbers b, numbers c WHERE a.n + b.n + c.n = -1"))
                    .hasMessageContaining("time limit of 200 ms")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            statement.execute("SET statement_timeout TO 0");
            try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM numbers a, numbers b")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(9_000_000);
            }
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        Path users = directory.resolve("users.properties");
        try (PgServer small = PgServer.start(sql, ServerOptions.local(0, UserStore.load(users)), 0, 2)) {
            String url = "jdbc:postgresql://127.0.0.1:" + small.port() + "/depot?user=analyst&password=secret-1";
            try (Connection first = DriverManager.getConnection(url); Connection second = DriverManager.getConnection(url)) {
                assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("too many clients")
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"));
            }
            // the server notices the closed connections when their threads end
            for (int i = 0; i < 100 && small.openConnections() > 0; i++) {
                Thread.sleep(50);
            }
            try (Connection again = DriverManager.getConnection(url); Statement statement = again.createStatement();
                    ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
        }
    }
}
