package io.depot.sql.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.sql.DepotSql;
import io.depot.sql.server.Role;
import io.depot.sql.server.ServerOptions;
import io.depot.sql.server.UserStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code depot serve --pg-port} driven by real PostgreSQL clients outside the JVM: {@code psql}
 * and Debian's python3 with SQLAlchemy 1.4 and psycopg2 doing what Superset does. The clients
 * come from {@code .ci/python-postgres-clients.sh}; without them the tests are skipped, except when
 * {@code DEPOT_TEST_PG_CLIENTS} is set (as {@code .ci/run} does), where a missing client fails the test.
 */
class TestPgServerClients {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    private Path directory;
    private DepotSql sql;
    private PgServer server;

    @BeforeEach
    void start() throws Exception {
        sql = DepotSql.open(directory.resolve("db"));
        Path users = directory.resolve("users.properties");
        UserStore.addUser(users, "analyst", Role.READ_ONLY, "secret-1".toCharArray(), 1_000);
        server = PgServer.start(sql, ServerOptions.local(0, UserStore.load(users)), 0);
        sql.prepare("CREATE TABLE sales (id INTEGER NOT NULL PRIMARY KEY, city VARCHAR, amount DECIMAL(10,2), "
                + "sold_on DATE, sold_at TIMESTAMP, ratio DOUBLE, paid BOOLEAN, CONSTRAINT paid_city UNIQUE (paid, city))")
                .executeUpdate();
        sql.prepare("INSERT INTO sales VALUES "
                + "(1, '서울', 12.50, DATE '2024-01-31', TIMESTAMP '2024-01-31 12:00:00.25', 0.1, TRUE), "
                + "(2, 'Berlin', -1.00, NULL, NULL, NULL, NULL), (3, 'Berlin', 0.95, NULL, NULL, 1e20, FALSE), "
                + "(4, NULL, NULL, NULL, NULL, NULL, NULL)").executeUpdate();
        sql.prepare("CREATE VIEW big_sales AS SELECT id, amount FROM sales WHERE amount > 10").executeUpdate();
    }

    @AfterEach
    void stop() {
        server.close();
        sql.close();
    }

    @Test
    void sqlAlchemyReflectsAndQueriesLikeSuperset() throws Exception {
        requireClient(List.of(PYTHON, "-c", "import sqlalchemy, psycopg2"), "python3-sqlalchemy and python3-psycopg2");
        Path script = directory.resolve("superset_like.py");
        try (var in = getClass().getResourceAsStream("/pgwire/superset_like.py")) {
            Files.copy(in, script);
        }
        String uri = "postgresql+psycopg2://analyst:secret-1@127.0.0.1:" + server.port() + "/depot";
        Result result = run(List.of(PYTHON, script.toString(), uri), Map.of("SQLALCHEMY_SILENCE_UBER_WARNING", "1"));
        assertThat(result.output()).contains("ALL CHECKS PASSED");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void psqlRunsQueriesAndShowsErrors() throws Exception {
        requireClient(List.of("psql", "--version"), "psql (postgresql-client)");
        List<String> psql = List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "analyst",
                "-d", "depot", "-X", "-A", "-F", "|", "-v", "ON_ERROR_STOP=0",
                "-c", "SELECT id, city, amount, sold_on, sold_at, ratio, paid FROM sales ORDER BY id",
                "-c", "SELECT city, COUNT(*) FROM sales GROUP BY city ORDER BY city; SELECT 1 AS answer",
                "-c", "SELECT nope FROM sales",
                "-c", "SHOW transaction_isolation",
                "-c", "\\d");
        Result result = run(psql, Map.of("PGPASSWORD", "secret-1"));
        assertThat(result.output()).contains(
                "id|city|amount|sold_on|sold_at|ratio|paid\n"
                        + "1|서울|12.50|2024-01-31|2024-01-31 12:00:00.25|0.1|t\n"
                        + "2|Berlin|-1.00||||\n"
                        + "3|Berlin|0.95|||1e+20|f\n"
                        + "4||||||\n"
                        + "(4 rows)",
                "answer\n1\n(1 row)",
                "ERROR:  From line 1, column 8 to line 1, column 11: Column 'nope' not found",
                "transaction_isolation\nread committed\n(1 row)",
                "List of relations\nSchema|Name|Type|Owner\nmain|big_sales|view|depot\nmain|sales|table|depot\n(2 rows)");
        Result wrong = run(psql.subList(0, 10), Map.of("PGPASSWORD", "wrong"));
        assertThat(wrong.output()).contains("password authentication failed for user \"analyst\"");
        assertThat(wrong.exitCode()).isNotZero();
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println(text);
        return new Result(process.exitValue(), text);
    }

    /** Skips the test when the client is missing, except on CI, where .ci/python-postgres-clients.sh installs it. */
    private static void requireClient(List<String> probe, String what) throws InterruptedException {
        boolean present;
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            present = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        }
        String message = what + " is not installed: run .ci/python-postgres-clients.sh (as root) to install it";
        if (System.getenv("DEPOT_TEST_PG_CLIENTS") != null) {
            assertThat(present).as(message).isTrue();
        }
        Assumptions.assumeTrue(present, message);
    }
}
