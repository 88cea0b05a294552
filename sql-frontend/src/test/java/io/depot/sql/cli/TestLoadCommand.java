package io.depot.sql.cli;

import static io.depot.sql.SqlTestSupport.query;
import static io.depot.sql.SqlTestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.depot.sql.DepotSql;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depot load} in-process: options, summaries, exit codes, and what SQL then sees. */
class TestLoadCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private record Result(int exitCode, String stdout, String stderr) {}

    private Result depot(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DepotCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Result load(String... args) {
        List<String> all = new ArrayList<>(List.of("load", "--db", temp.resolve("db").toString()));
        all.addAll(List.of(args));
        return depot(all.toArray(String[]::new));
    }

    private Path file(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private List<List<Object>> sql(String statement) {
        try (DepotSql depot = DepotSql.open(temp.resolve("db"))) {
            return query(depot, statement);
        }
    }

    @Test
    void replaceLoadsOfAPartitionRepeatedLeaveOneCopy() throws IOException {
        Path day1 = file("day1.csv", "id,amount\n1,10.50\n2,20.00\n");
        Path day2 = file("day2.csv", "id,amount\n3,15.25\n");
        assertThat(load("--table", "sales", "--partition", "dt=2024-01-02", "--mode", "replace", day2.toString()).exitCode())
                .isZero();
        for (int i = 0; i < 3; i++) {
            Result result = load("--table", "sales", "--partition", "dt=2024-01-01", "--mode", "replace", day1.toString());
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).contains("Loaded 2 rows into sales partition dt=2024-01-01",
                    "replace replaced " + (i == 0 ? 0 : 2) + " rows");
        }

        assertThat(sql("SELECT dt, COUNT(*) AS n, SUM(amount) AS s FROM sales GROUP BY dt ORDER BY dt")).containsExactly(
                row(LocalDate.of(2024, 1, 1), 2L, new BigDecimal("30.50")),
                row(LocalDate.of(2024, 1, 2), 1L, new BigDecimal("15.25")));
        assertThat(sql("SELECT COUNT(*) AS n FROM sales WHERE dt = DATE '2024-01-01'")).containsExactly(row(2L));
    }

    @Test
    void loadHistoryIsASystemTable() throws IOException {
        Path good = file("good.csv", "id,name\n1,a\n2,b\n");
        Path bad = file("bad.csv", "id,name\nx,c\n");
        assertThat(load("--table", "t", good.toString()).exitCode()).isZero();
        Result failed = load("--table", "t", bad.toString());
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stderr()).contains("bad.csv line 2, column[id]: cannot read 'x' as BIGINT");

        List<List<Object>> history = sql("SELECT table_name, partition_spec, source, mode, rows_loaded, rows_rejected, "
                + "bytes, status, error FROM sys.load_history");
        assertThat(history).containsExactly(
                row("t", null, good.toString(), "append", 2L, 0L, Files.size(good), "ok", null),
                row("t", null, bad.toString(), "append", 0L, 1L, Files.size(bad), "failed",
                        "bad.csv line 2, column[id]: cannot read 'x' as BIGINT"));
        List<List<Object>> times = sql("SELECT started_at, finished_at FROM sys.load_history");
        assertThat((LocalDateTime) times.get(0).get(1)).isAfterOrEqualTo((LocalDateTime) times.get(0).get(0));
    }

    @Test
    void jsonSummaryCarriesRejectsAndAnomalyWarnings() throws IOException {
        StringBuilder usual = new StringBuilder("id,day\n");
        for (int i = 0; i < 20; i++) {
            usual.append(i).append(",2024-01-01\n");
        }
        Path normal = file("normal.csv", usual.toString());
        for (int i = 0; i < 2; i++) {
            assertThat(load("--table", "t", normal.toString()).exitCode()).isZero();
        }
        Path small = file("small.csv", "id,day\n1,2024-01-01\n2,not a day\n");
        Path rejects = temp.resolve("rejects.csv");

        Result result = load("--table", "t", "--json", "--max-errors", "1", "--rejects", rejects.toString(), small.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode summary = JSON.readTree(result.stdout());
        assertThat(summary.get("status").asText()).isEqualTo("ok");
        assertThat(summary.get("rows_loaded").asLong()).isEqualTo(1);
        assertThat(summary.get("rows_rejected").asLong()).isEqualTo(1);
        assertThat(summary.get("rejects_file").asText()).isEqualTo(rejects.toString());
        assertThat(summary.get("warnings").get(0).asText()).startsWith("Row count anomaly: 1 rows is -95%");
        assertThat(Files.readString(rejects)).contains("small.csv,3,day,not a day,cannot read 'not a day' as DATE");

        Result strict = load("--table", "t", "--json", "--fail-on-anomaly", "--max-row-change", "10", small.toString(),
                "--max-errors", "1");
        assertThat(strict.exitCode()).isNotZero();
        JsonNode failure = JSON.readTree(strict.stdout());
        assertThat(failure.get("status").asText()).isEqualTo("failed");
        assertThat(failure.get("error").asText()).contains("Row count anomaly", "threshold ±10%");
    }

    @Test
    void globsJsonLinesSchemaOverrideAndOverwrite() throws IOException {
        file("in/a.csv", "code,price\n007,1.5\n");
        file("in/b.csv", "code,price\n008,2\n");
        file("in/skip.txt", "not csv\n");
        Result csv = load("--table", "prices", "--schema", "code VARCHAR, price DECIMAL(10,2)", temp.resolve("in") + "/*.csv");
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        assertThat(sql("SELECT code, price FROM prices ORDER BY code")).containsExactly(
                row("007", new BigDecimal("1.50")), row("008", new BigDecimal("2.00")));

        Path jsonl = file("more.jsonl", "{\"code\": \"009\", \"price\": 3.25}\n");
        Result overwrite = load("--table", "prices", "--mode", "overwrite", jsonl.toString());
        assertThat(overwrite.exitCode()).as(overwrite.toString()).isZero();
        assertThat(sql("SELECT code, price FROM prices")).containsExactly(row("009", new BigDecimal("3.25")));

        Result noMatch = load("--table", "prices", temp.resolve("in") + "/*.tsv");
        assertThat(noMatch.exitCode()).isNotZero();
        assertThat(noMatch.stderr()).contains("No file matches pattern[");
    }

    @Test
    void loadsParquetWrittenByDuckDb() throws Exception {
        Path parquet = temp.resolve("orders.parquet");
        try (java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT i::BIGINT AS id, i::INTEGER AS qty, (i * 1.25)::DECIMAL(15,2) AS amount, "
                    + "i / 8.0 AS ratio, DATE '2024-01-01' + i::INTEGER AS d_day, "
                    + "TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i) AS at_ts, "
                    + "CASE WHEN i % 5 = 0 THEN NULL ELSE '도시' || (i % 3) END AS city, i % 2 = 0 AS even "
                    + "FROM range(1, 100001) t(i)) TO '" + parquet + "' (FORMAT PARQUET, ROW_GROUP_SIZE 30000)");
        }

        Result result = load("--table", "orders", "--partition", "src=duckdb", "--mode", "replace", parquet.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(load("--table", "orders", "--partition", "src=duckdb", "--mode", "replace", parquet.toString())
                .exitCode()).isZero();

        assertThat(sql("SELECT COUNT(*) AS n, SUM(amount) AS s, COUNT(city) AS c, MAX(d_day) AS d, MAX(at_ts) AS t, "
                + "SUM(qty) AS q FROM orders WHERE even")).containsExactly(row(50_000L, new BigDecimal("3125062500.00"),
                40_000L, LocalDate.of(2024, 1, 1).plusDays(100_000), LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(100_000),
                2_500_050_000L));
        assertThat(sql("SELECT id, amount, ratio, city, src FROM orders WHERE id = 7")).containsExactly(
                row(7L, new BigDecimal("8.75"), 0.875, "도시1", "duckdb"));
    }

    @Test
    void loadsFromPostgreSql() {
        String url = System.getenv("DEPOT_TEST_POSTGRES_URL");
        org.assertj.core.api.Assumptions.assumeThat(url)
                .as("DEPOT_TEST_POSTGRES_URL is not set: start PostgreSQL with .ci/postgres.sh, or run .ci/run").isNotNull();

        Result result = load("--table", "series", "--jdbc-url", url, "--query",
                "SELECT i AS id, i * 0.5 AS half, DATE '2024-01-01' + i AS dt FROM generate_series(1, 1000) i",
                "--incremental-column", "id");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Loaded 1,000 rows into series from jdbc:postgresql://");
        Result again = load("--table", "series", "--jdbc-url", url, "--query",
                "SELECT i AS id, i * 0.5 AS half, DATE '2024-01-01' + i AS dt FROM generate_series(1, 1000) i",
                "--incremental-column", "id");
        assertThat(again.stdout()).contains("Loaded 0 rows");
        assertThat(sql("SELECT COUNT(*) AS n, MAX(dt) AS d FROM series")).containsExactly(row(1000L, LocalDate.of(2026, 9, 27)));
    }
}
