package io.depot.sql.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.sql.DepotSql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A subtree the plan holds twice (a view named twice, a repeated subquery) is computed once. */
class TestCommonSubplans {
    private static final String RULE = "CommonSubplans";

    private DepotSql depot;
    private Connection duckdb;

    @BeforeEach
    void createTables() throws SQLException {
        depot = DepotSql.temporary();
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        RewriteTesting.execute(depot, duckdb,
                "CREATE TABLE fact (k INTEGER, v DECIMAL(10, 2))",
                "CREATE TABLE dim (k INTEGER, tag VARCHAR)",
                "CREATE TABLE nothing (k INTEGER, v DECIMAL(10, 2))");
        Random random = new Random(11);
        List<String> facts = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            facts.add("(" + (random.nextInt(17) == 0 ? "NULL" : Integer.toString(random.nextInt(300))) + ", "
                    + (random.nextInt(9) == 0 ? "NULL" : random.nextInt(10_000) / 100.0) + ")");
        }
        List<String> dims = new ArrayList<>();
        for (int k = 0; k < 300; k += 2) {
            dims.add("(" + (k % 31 == 0 ? "NULL" : Integer.toString(k)) + ", '" + (k % 3 == 0 ? "x" : "y") + "')");
        }
        RewriteTesting.execute(depot, duckdb,
                "INSERT INTO fact VALUES " + String.join(", ", facts),
                "INSERT INTO dim VALUES " + String.join(", ", dims),
                "CREATE VIEW revenue AS SELECT k, sum(v) AS total FROM fact GROUP BY k",
                "CREATE VIEW no_revenue AS SELECT k, sum(v) AS total FROM nothing GROUP BY k");
    }

    @AfterEach
    void close() throws SQLException {
        try (DepotSql closedDepot = depot; Connection closedDuckdb = duckdb) {
            // closes both
        }
    }

    /** TPC-H Q15's shape: the view's rows, and their maximum. */
    private static final String TOP_REVENUE =
            "SELECT k, total FROM revenue WHERE total = (SELECT max(total) FROM revenue)";

    @Test
    void aViewNamedTwiceIsComputedOnce() {
        String plan = RewriteTesting.explain(depot, TOP_REVENUE);
        assertThat(plan).containsOnlyOnce("Aggregate[groupBy=[k]");
        assertThat(plan).containsPattern("Shared\\[id=1\\]\\n\\s*Aggregate\\[groupBy=\\[k\\]");
        assertThat(plan).contains("Shared[id=1] (computed once, above)");
        String without = RewriteTesting.explainWithout(RULE, depot, TOP_REVENUE);
        assertThat(without).doesNotContain("Shared");
        assertThat(without.split("Aggregate\\[groupBy=\\[k\\]", -1)).hasSize(3);
    }

    @Test
    void scansAndFiltersAreReadAgainRatherThanKept() {
        String sql = "SELECT a.k, b.v FROM (SELECT * FROM fact WHERE v > 10) a JOIN (SELECT * FROM fact WHERE v > 10) b "
                + "ON a.k = b.k";
        assertThat(RewriteTesting.explain(depot, sql)).doesNotContain("Shared");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        TOP_REVENUE,
        // the view joined with itself, NULL keys on both sides
        "SELECT a.k, a.total, b.total FROM revenue a JOIN revenue b ON a.k = b.k + 2",
        "SELECT a.k, a.total FROM revenue a LEFT JOIN revenue b ON a.k = b.k - 1 WHERE b.k IS NULL",
        // a join repeated in both branches of a UNION ALL
        "SELECT f.k, d.tag FROM fact f JOIN dim d ON f.k = d.k WHERE d.tag = 'x' "
                + "UNION ALL SELECT f.k, d.tag FROM fact f JOIN dim d ON f.k = d.k WHERE d.tag = 'x'",
        // an empty view named twice
        "SELECT k, total FROM no_revenue WHERE total = (SELECT max(total) FROM no_revenue)",
        "SELECT count(*), sum(a.total) FROM no_revenue a JOIN no_revenue b ON a.k = b.k",
        // the shared view under an aggregation and beside its own rows
        "SELECT (SELECT count(*) FROM revenue WHERE total > 100), (SELECT sum(total) FROM revenue WHERE total > 100)",
    })
    void answersAreTheSameWithAndWithoutSharing(String sql) throws SQLException {
        RewriteTesting.assertSameAnswers(RULE, depot, duckdb, sql);
    }
}
