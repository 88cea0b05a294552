package io.depot.sql.cli;

import static io.depot.sql.SqlTestSupport.row;
import static io.depot.sql.SqlTestSupport.writeTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.sql.DepotSql;
import io.depot.sql.server.PasswordHash;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depot user add}, {@code depot serve} and {@code depot shell} through the command line. */
class TestServeAndShell {
    @TempDir
    private Path directory;
    private Path database;

    @BeforeEach
    void createDatabase() {
        database = directory.resolve("db");
        try (DepotSql sql = DepotSql.open(database)) {
            writeTable(sql, "cities", TableSchema.of(new Column("id", ColumnType.INTEGER, false),
                    Column.nullable("name", ColumnType.VARCHAR)), List.of(row(1, "서울"), row(2, "Busan")));
        }
    }

    @Test
    void userAddStoresASaltedHashNeverThePassword() throws Exception {
        Path users = directory.resolve("users.properties");
        Cli add = withStdin("s3cret-pass\n", () -> cli("user", "add", "--users", users.toString(), "--role", "read-only", "ana"));
        assertThat(add.exitCode).as(add.err).isZero();
        assertThat(add.out).contains("User ana (read-only) saved in " + users);
        String text = Files.readString(users);
        assertThat(text).doesNotContain("s3cret-pass").contains("ana = read-only:pbkdf2-sha256:600000:");
        String hash = text.lines().filter(line -> line.startsWith("ana")).findFirst().orElseThrow()
                .substring("ana = read-only:".length());
        assertThat(PasswordHash.matches("s3cret-pass".toCharArray(), hash)).isTrue();
        assertThat(PasswordHash.matches("s3cret-pasS".toCharArray(), hash)).isFalse();

        Cli badRole = withStdin("x\n", () -> cli("user", "add", "--users", users.toString(), "--role", "admin", "bob"));
        assertThat(badRole.exitCode).isEqualTo(1);
        assertThat(badRole.err).contains("Unknown role[admin]: use read-only or read-write");
    }

    @Test
    void userListShowsNamesAndRolesAndUserRemoveDeletesOne() throws Exception {
        Path users = directory.resolve("users.properties");
        assertThat(withStdin("pw-1\n", () -> cli("user", "add", "--users", users.toString(), "--role", "read-only", "ana"))
                .exitCode).isZero();
        assertThat(withStdin("pw-2\n", () -> cli("user", "add", "--users", users.toString(), "--role", "read-write", "bo"))
                .exitCode).isZero();
        Cli list = cli("user", "list", "--users", users.toString());
        assertThat(list.exitCode).as(list.err).isZero();
        assertThat(list.out).isEqualTo("ana\tread-only" + System.lineSeparator() + "bo\tread-write" + System.lineSeparator());
        Cli remove = cli("user", "remove", "--users", users.toString(), "ana");
        assertThat(remove.exitCode).as(remove.err).isZero();
        assertThat(remove.out).contains("User ana removed from " + users);
        assertThat(cli("user", "list", "--users", users.toString()).out).doesNotContain("ana").contains("bo\tread-write");
        Cli missing = cli("user", "remove", "--users", users.toString(), "ana");
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err).contains("has no user[ana]");
    }

    @Test
    void shellRunsStatementsFromStandardInput() throws Exception {
        Cli shell = withStdin("SELECT id, name FROM cities ORDER BY id;\nSELECT COUNT(*) AS n FROM cities;\n",
                () -> cli("shell", "--db", database.toString(), "--outputformat=csv", "--silent=true"));
        assertThat(shell.exitCode).as(shell.out + shell.err).isZero();
        assertThat(shell.out).contains("'id','name'", "'1','서울'", "'2','Busan'", "'n'", "'2'");
    }

    @Test
    void serveAcceptsThinClientsAndTheShellConnectsToIt() throws Exception {
        Path users = directory.resolve("users.properties");
        assertThat(withStdin("pw-1\n", () -> cli("user", "add", "--users", users.toString(), "--role", "read-write", "ana"))
                .exitCode).isZero();
        StringWriter serverOut = new StringWriter();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> serving = executor.submit(() -> DepotCli.run(
                    new String[] {"serve", "--db", database.toString(), "--port", "0", "--users", users.toString()},
                    new PrintWriter(serverOut, true), new PrintWriter(new StringWriter(), true)));
            String url = awaitUrl(serverOut, serving);
            assertThat(url).startsWith("jdbc:avatica:remote:url=http://127.0.0.1:");
            try (Connection connection = DriverManager.getConnection(url + ";avatica_user=ana;avatica_password=pw-1");
                    Connection depotUrl = DriverManager.getConnection(
                            url.replace("jdbc:avatica:remote:", "jdbc:depot:remote:"), "ana", "pw-1");
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM cities")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(2);
                assertThat(depotUrl.getMetaData().getTables(null, "main", "%", null).next()).isTrue();
            }
            Cli shell = withStdin("SELECT name FROM cities WHERE id = 1;\n", () -> cli("shell", "--url", url,
                    "--user", "ana", "--password", "pw-1", "--outputformat=csv", "--silent=true"));
            assertThat(shell.exitCode).as(shell.out + shell.err).isZero();
            assertThat(shell.out).contains("'name'", "'서울'");

            ServeCommand.stopRunning();
            assertThat(serving.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(serverOut.toString()).contains("Depot server stopping");
        } finally {
            ServeCommand.stopRunning();
            executor.shutdownNow();
        }
    }

    @Test
    void serveWithPgPortAlsoAcceptsPostgreSqlClients() throws Exception {
        Path users = directory.resolve("users.properties");
        assertThat(withStdin("pw-1\n", () -> cli("user", "add", "--users", users.toString(), "--role", "read-only", "ana"))
                .exitCode).isZero();
        StringWriter serverOut = new StringWriter();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> serving = executor.submit(() -> DepotCli.run(
                    new String[] {"serve", "--db", database.toString(), "--port", "0", "--pg-port", "0",
                            "--users", users.toString()},
                    new PrintWriter(serverOut, true), new PrintWriter(new StringWriter(), true)));
            awaitUrl(serverOut, serving);
            Pattern pgLine = Pattern.compile("PostgreSQL clients: 127\\.0\\.0\\.1:(\\d+), database depot");
            Matcher pg = pgLine.matcher(serverOut.toString());
            for (int i = 0; i < 100 && !pg.find(); i++) {
                Thread.sleep(100);
                pg = pgLine.matcher(serverOut.toString());
            }
            assertThat(pg.find(0)).as(serverOut.toString()).isTrue();
            // the CLI's hashes have 600,000 iterations, above pgJDBC's default limit
            String url = "jdbc:postgresql://127.0.0.1:" + pg.group(1) + "/depot?scramMaxIterations=600000";
            try (Connection connection = DriverManager.getConnection(url, "ana", "pw-1");
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT name FROM cities WHERE id = 1")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("서울");
            }
            ServeCommand.stopRunning();
            assertThat(serving.get(30, TimeUnit.SECONDS)).isZero();
        } finally {
            ServeCommand.stopRunning();
            executor.shutdownNow();
        }
    }

    private static String awaitUrl(StringWriter out, Future<Integer> serving) throws Exception {
        Pattern url = Pattern.compile("JDBC URL: (\\S+);avatica_user=USER");
        for (int i = 0; i < 600; i++) {
            Matcher matcher = url.matcher(out.toString());
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (serving.isDone()) {
                throw new AssertionError("server stopped: exit " + serving.get() + "\n" + out);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server printed no URL:\n" + out);
    }

    private record Cli(int exitCode, String out, String err) {}

    private interface CliRun {
        Cli run() throws Exception;
    }

    private static Cli withStdin(String text, CliRun run) throws Exception {
        InputStream original = System.in;
        InputStream shellOriginal = ShellCommand.input;
        ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        System.setIn(in);
        ShellCommand.input = in;
        try {
            return run.run();
        } finally {
            System.setIn(original);
            ShellCommand.input = shellOriginal;
        }
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DepotCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }
}
