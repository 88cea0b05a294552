package io.depot.sql;

import static io.depot.sql.SqlTestSupport.query;
import static io.depot.sql.SqlTestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans reused by statement text only while the tables and views they read are unchanged. */
class TestPlanCache {
    private static final String QUERY = "SELECT region, SUM(amount) FROM sales GROUP BY region ORDER BY region";

    @TempDir
    private Path directory;
    private DepotSql depot;

    @BeforeEach
    void createSales() {
        depot = DepotSql.open(directory.resolve("db"));
        update("CREATE TABLE sales (region VARCHAR, amount INT)");
        update("INSERT INTO sales VALUES ('east', 1), ('west', 2)");
    }

    @AfterEach
    void close() {
        if (depot != null) {
            depot.close();
        }
    }

    @Test
    void theSameTextGetsTheSamePlanWhileNothingChanged() {
        PreparedSql first = depot.prepare(QUERY);
        PreparedSql second = depot.prepare(QUERY);

        assertThat(second).isSameAs(first);
        assertThat(query(depot, QUERY)).containsExactly(row("east", 1L), row("west", 2L));
        assertThat(depot.prepare("EXPLAIN " + QUERY)).isNotSameAs(first);
        assertThat(depot.prepare(QUERY + " ")).isNotSameAs(first);
    }

    @Test
    void aWriteToATableItReadsPlansAgainAndShowsTheRows() {
        PreparedSql before = depot.prepare(QUERY);
        update("INSERT INTO sales VALUES ('east', 10)");

        PreparedSql after = depot.prepare(QUERY);

        assertThat(after).isNotSameAs(before);
        assertThat(query(depot, QUERY)).containsExactly(row("east", 11L), row("west", 2L));
        update("DELETE FROM sales WHERE region = 'west'");
        assertThat(depot.prepare(QUERY)).isNotSameAs(after);
        assertThat(query(depot, QUERY)).containsExactly(row("east", 11L));
    }

    @Test
    void aWriteToAnotherTableKeepsThePlan() {
        update("CREATE TABLE other (x INT)");
        PreparedSql before = depot.prepare(QUERY);
        update("INSERT INTO other VALUES (1)");

        assertThat(depot.prepare(QUERY)).isSameAs(before);
    }

    @Test
    void aTableReplacedWithOtherColumnsIsPlannedAgain() {
        assertThat(query(depot, "SELECT * FROM sales ORDER BY amount")).containsExactly(row("east", 1), row("west", 2));
        update("DROP TABLE sales");
        update("CREATE TABLE sales (amount INT, region VARCHAR, note VARCHAR)");
        update("INSERT INTO sales VALUES (5, 'north', 'n')");

        assertThat(query(depot, "SELECT * FROM sales ORDER BY amount")).containsExactly(row(5, "north", "n"));
        update("DROP TABLE sales");
        assertThatThrownBy(() -> depot.prepare("SELECT * FROM sales ORDER BY amount"))
                .isInstanceOf(DepotException.class).message().containsIgnoringCase("sales");
    }

    @Test
    void aRedefinedViewIsExpandedAgain() {
        update("CREATE VIEW big AS SELECT region FROM sales WHERE amount > 1");
        assertThat(query(depot, "SELECT * FROM big")).containsExactly(row("west"));
        update("CREATE OR REPLACE VIEW big AS SELECT region FROM sales WHERE amount < 2");

        assertThat(query(depot, "SELECT * FROM big")).containsExactly(row("east"));
    }

    @Test
    void aNameThatAppearsIsResolvedAgain() {
        String sql = "SELECT COUNT(*) FROM sales WHERE region IN (SELECT region FROM sales)";
        PreparedSql before = depot.prepare(sql);
        // The statement looked up only "sales"; a new table of another name changes nothing.
        update("CREATE TABLE regions (region VARCHAR)");
        assertThat(depot.prepare(sql)).isSameAs(before);
        // A view of a name that did not exist when a failing statement was planned: no plan was kept.
        assertThatThrownBy(() -> depot.prepare("SELECT * FROM later")).isInstanceOf(DepotException.class);
        update("CREATE VIEW later AS SELECT 7 AS x");
        assertThat(query(depot, "SELECT * FROM later")).containsExactly(row(7));
    }

    @Test
    void writesByAnotherInstanceOfTheDatabaseCount() {
        depot.close();
        depot = null;
        Path db = directory.resolve("db");
        try (DepotSql reader = DepotSql.open(db); DepotSql writer = DepotSql.open(db)) {
            PreparedSql before = reader.prepare(QUERY);
            writer.prepare("INSERT INTO sales VALUES ('west', 100)").executeUpdate();

            assertThat(reader.prepare(QUERY)).isNotSameAs(before);
            assertThat(query(reader, QUERY)).containsExactly(row("east", 1L), row("west", 102L));
        }
    }

    @Test
    void plansThatReadFilesAreNotKeptAcrossSessionsWithOtherAccess() throws Exception {
        Path csv = Files.writeString(directory.resolve("numbers.csv"), "n\n1\n2\n");
        String sql = "SELECT SUM(n) FROM read_csv('" + csv + "')";
        assertThat(FileAccess.UNRESTRICTED.whilePlanning(() -> query(depot, sql))).containsExactly(row(3L));

        assertThatThrownBy(() -> FileAccess.NONE.whilePlanning(() -> depot.prepare(sql)))
                .isInstanceOf(DepotException.class).hasMessageContaining("not allowed");
        // and a changed file is read again
        Files.writeString(csv, "n\n1\n2\n3\n");
        assertThat(query(depot, sql)).containsExactly(row(6L));
    }

    @Test
    void switchingARewriteOffPlansAgain() {
        PreparedSql with = depot.prepare(QUERY);
        String previous = System.getProperty("depot.planner.disable");
        System.setProperty("depot.planner.disable", "CommonSubplans");
        try {
            assertThat(depot.prepare(QUERY)).isNotSameAs(with);
        } finally {
            if (previous == null) {
                System.clearProperty("depot.planner.disable");
            } else {
                System.setProperty("depot.planner.disable", previous);
            }
        }
        assertThat(depot.prepare(QUERY)).isSameAs(with);
    }

    @Test
    void oneKeptPlanRunsOnManyThreadsAtOnce() throws Exception {
        String sql = "SELECT a.region, COUNT(*), SUM(b.amount) FROM sales a JOIN sales b ON a.region = b.region "
                + "WHERE a.region IN (SELECT region FROM sales WHERE amount > ?) GROUP BY a.region ORDER BY 1";
        List<List<Object>> expected = List.of(row("west", 1L, 2L));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<Object>>>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(threads.submit(() -> {
                    try (var result = depot.prepare(sql).executeQuery(List.of(1))) {
                        return SqlTestSupport.rows(result);
                    }
                }));
            }
            for (Future<List<List<Object>>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(depot.planCacheCounts()[0]).isGreaterThan(150);
    }

    @Test
    void overJdbcAViewRedefinedOnOneConnectionChangesTheOthersNextRun() throws Exception {
        depot.close();
        depot = null;
        String url = "jdbc:depot:" + directory.resolve("db");
        try (java.sql.Connection reader = java.sql.DriverManager.getConnection(url);
                java.sql.Connection writer = java.sql.DriverManager.getConnection(url);
                java.sql.Statement readerStatement = reader.createStatement();
                java.sql.Statement writerStatement = writer.createStatement()) {
            writerStatement.execute("CREATE VIEW totals AS SELECT SUM(amount) AS total FROM sales");
            assertThat(SqlTestSupport.query(reader, "SELECT total FROM totals")).containsExactly(row(3L));
            writerStatement.execute("INSERT INTO sales VALUES ('east', 4)");
            assertThat(SqlTestSupport.query(reader, "SELECT total FROM totals")).containsExactly(row(7L));
            writerStatement.execute("CREATE OR REPLACE VIEW totals AS SELECT MAX(amount) AS total FROM sales");
            assertThat(SqlTestSupport.query(reader, "SELECT total FROM totals")).containsExactly(row(4));
            try (java.sql.PreparedStatement prepared = reader.prepareStatement("SELECT COUNT(*) FROM sales WHERE amount > ?")) {
                prepared.setInt(1, 1);
                assertThat(SqlTestSupport.rows(prepared.executeQuery())).containsExactly(row(2L));
                prepared.setInt(1, 3);
                assertThat(SqlTestSupport.rows(prepared.executeQuery())).containsExactly(row(1L));
            }
        }
    }

    private void update(String sql) {
        depot.prepare(sql).executeUpdate();
    }
}
