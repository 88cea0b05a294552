package io.depot.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code bin/depot} script against the packaged jar, as a user would. */
class CliIT {
    private static final Path ROOT = Path.of(System.getProperty("depot.root", "..")).toAbsolutePath().normalize();
    private static final String SALES_QUERY = "SELECT region, COUNT(*) AS n, SUM(amount) AS s FROM sales "
            + "WHERE amount > 10 GROUP BY region ORDER BY s DESC";

    private static final Path CLASS_ARCHIVE = ROOT.resolve("sql-frontend/target/depot.jsa");

    @TempDir
    Path temp;

    /** The first run after a build writes the class archive (and says so on stderr): not in a test that reads stderr. */
    @BeforeAll
    static void writeTheClassArchive(@TempDir Path temp) throws Exception {
        Result version = run(temp, "--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(CLASS_ARCHIVE).isNotEmptyFile();
    }

    @Test
    void theFirstRunAfterABuildWritesTheClassArchiveAndLaterRunsUseIt() throws Exception {
        Files.delete(CLASS_ARCHIVE);
        Result first = depot("sql", "--db", temp.resolve("db").toString(), "--format", "csv", "SELECT 1 AS x");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).isEqualTo("x\n1\n");
        assertThat(first.stderr()).contains("writing the class archive");
        assertThat(CLASS_ARCHIVE).isNotEmptyFile();
        try (var files = Files.list(CLASS_ARCHIVE.getParent())) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
        }
        Result second = depot("sql", "--db", temp.resolve("db").toString(), "--format", "csv", "SELECT 2 AS x");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.stdout()).isEqualTo("x\n2\n");
        assertThat(second.stderr()).isEmpty();
    }

    @Test
    void loadsCsvAndAnswersSql() throws Exception {
        Path db = temp.resolve("db");
        Result load = depot("load", "--db", db.toString(), "--table", "sales", fixture("sales.csv").toString());
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.stdout()).contains("8 rows");

        Result query = depot("sql", "--db", db.toString(), "--format", "csv", SALES_QUERY);
        assertThat(query.exitCode()).as(query.toString()).isZero();
        assertThat(query.stdout()).isEqualTo("""
                region,n,s
                south,2,121.00
                north,2,42.50
                "east, coastal",1,11.00
                """);
    }

    @Test
    void ddlAndDmlThroughSqlCommand() throws Exception {
        Path db = temp.resolve("db");
        Result write = depot("sql", "--db", db.toString(),
                "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT NOT NULL); "
                        + "INSERT INTO notes VALUES (1, 'first'), (2, '둘째'); DELETE FROM notes WHERE id = 1");
        assertThat(write.exitCode()).as(write.toString()).isZero();
        Result read = depot("sql", "--db", db.toString(), "--format", "csv", "SELECT * FROM notes");
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.stdout()).isEqualTo("id,body\n2,둘째\n");
        Result bad = depot("sql", "--db", db.toString(), "INSERT INTO notes VALUES (3, NULL)");
        assertThat(bad.exitCode()).as(bad.toString()).isNotZero();
        assertThat(bad.stderr()).contains("column[body] is NOT NULL");
    }

    @Test
    void malformedValueFailsTheLoadAndLeavesTheTableUnchanged() throws Exception {
        Path db = temp.resolve("db");
        assertThat(depot("load", "--db", db.toString(), "--table", "sales", fixture("sales.csv").toString()).exitCode())
                .isZero();

        Result bad = depot("load", "--db", db.toString(), "--table", "sales",
                fixture("sales_bad_amount.csv").toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("sales_bad_amount.csv", "line 3", "amount", "abc");
        assertThat(bad.stderr()).doesNotContain("at io.depot");

        Result count = depot("sql", "--db", db.toString(), "--format", "csv", "SELECT COUNT(*) AS n FROM sales");
        assertThat(count.stdout()).isEqualTo("n\n8\n");
    }

    @Test
    void malformedFirstLoadCreatesNoTable() throws Exception {
        Path db = temp.resolve("db");
        Result bad = depot("load", "--db", db.toString(), "--table", "sales",
                fixture("sales_missing_field.csv").toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("sales_missing_field.csv", "line 3");

        Result query = depot("sql", "--db", db.toString(), "SELECT COUNT(*) FROM sales");
        assertThat(query.exitCode()).isNotZero();
        assertThat(query.stderr()).contains("'sales' not found");
    }

    @Test
    void demoRunsEndToEnd() throws Exception {
        Result demo = depot("demo", "--db", temp.resolve("demo").toString());
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.stdout()).contains("orders", "revenue", "APAC", "rows");
    }

    @Test
    void badSqlExitsNonZeroWithAMessage() throws Exception {
        Result result = depot("sql", "--db", temp.resolve("db").toString(), "SELEC 1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).startsWith("Error: ").contains("line 1, column 1");
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(CliIT.class.getResource("/cli/" + name).toURI());
    }

    private Result depot(String... arguments) throws IOException, InterruptedException {
        return run(temp, arguments);
    }

    private static Result run(Path temp, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin/depot").toString());
        command.addAll(List.of(arguments));
        Path stdout = temp.resolve("stdout.txt");
        Path stderr = temp.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/depot " + String.join(" ", arguments) + " did not finish");
        }
        return new Result(process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String stdout, String stderr) {}
}
