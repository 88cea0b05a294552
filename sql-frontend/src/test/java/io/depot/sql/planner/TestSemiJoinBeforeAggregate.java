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

/** An aggregation joined to a selective input reads only the rows of the groups that input can match. */
class TestSemiJoinBeforeAggregate {
    private static final String RULE = "SemiJoinBeforeAggregate";

    private DepotSql depot;
    private Connection duckdb;

    @BeforeEach
    void createTables() throws SQLException {
        depot = DepotSql.temporary();
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        RewriteTesting.execute(depot, duckdb,
                "CREATE TABLE fact (k INTEGER, j INTEGER, v DECIMAL(10, 2), w INTEGER)",
                "CREATE TABLE dim (k INTEGER, j INTEGER, tag VARCHAR)");
        Random random = new Random(7);
        List<String> facts = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            facts.add("(" + maybeNull(random, random.nextInt(200)) + ", " + random.nextInt(3) + ", "
                    + (random.nextInt(9) == 0 ? "NULL" : random.nextInt(10_000) / 100.0) + ", " + random.nextInt(50) + ")");
        }
        List<String> dims = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            dims.add("(" + (k % 41 == 0 ? "NULL" : Integer.toString(k)) + ", " + (k % 3) + ", '"
                    + (k % 10 == 0 ? "x" : "y") + "')");
        }
        RewriteTesting.execute(depot, duckdb,
                "INSERT INTO fact VALUES " + String.join(", ", facts),
                "INSERT INTO dim VALUES " + String.join(", ", dims));
    }

    private static String maybeNull(Random random, int value) {
        return random.nextInt(13) == 0 ? "NULL" : Integer.toString(value);
    }

    @AfterEach
    void close() throws SQLException {
        try (DepotSql closedDepot = depot; Connection closedDuckdb = duckdb) {
            // closes both
        }
    }

    private static final String PER_KEY = "SELECT a.k, a.total, a.n FROM (SELECT k, sum(v) AS total, count(*) AS n "
            + "FROM fact GROUP BY k) a JOIN dim d ON a.k = d.k WHERE d.tag = 'x'";

    @Test
    void theAggregationReadsItsInputSemiJoinedWithTheSelectiveSide() {
        String plan = RewriteTesting.explain(depot, PER_KEY);
        assertThat(plan).containsPattern("Aggregate\\[groupBy=\\[k\\].*\\n\\s*Join\\[SEMI, keys=\\[k = k\\]\\]");
        // the semi join's left input reads only the columns the aggregation needs
        assertThat(plan).containsPattern("Scan\\[table=fact, version=\\d+, columns=\\[k, v\\]");
        assertThat(RewriteTesting.explainWithout(RULE, depot, PER_KEY)).doesNotContain("SEMI");
    }

    /**
     * As in TPC-H Q20: the aggregation is joined to a table, and that join (below a projection
     * that keeps the join order) to the selective side on the table's copy of the group key.
     */
    private static final String THROUGH_A_JOIN = "SELECT x.k, x.j, x.total, x.tag FROM "
            + "(SELECT e.k, a.j, a.total + 1 AS total, e.tag FROM (SELECT k, j, sum(v) AS total FROM fact GROUP BY k, j) a "
            + "JOIN dim e ON a.k = e.k AND a.total > e.j) x "
            + "JOIN (SELECT DISTINCT k FROM dim WHERE tag = 'x') d ON x.k = d.k";

    @Test
    void seesThroughAnInnerJoinAboveTheAggregation() {
        String plan = RewriteTesting.explain(depot, THROUGH_A_JOIN);
        assertThat(plan).containsPattern("Aggregate\\[groupBy=\\[k, j\\].*\\n\\s*Join\\[SEMI, keys=\\[k = k\\]\\]");
        assertThat(plan).containsPattern("Join\\[INNER, keys=\\[k = k\\]\\]\\n\\s*Project.*\\n\\s*Join\\[INNER");
        assertThat(RewriteTesting.explainWithout(RULE, depot, THROUGH_A_JOIN)).doesNotContain("SEMI");
    }

    /** As in TPC-H Q2's subquery: the aggregation's input is a join; the semi join goes below it. */
    private static final String OVER_A_JOIN = "SELECT a.k, a.total FROM (SELECT f.k, sum(f.v) AS total, max(e.tag) AS tag "
            + "FROM fact f JOIN dim e ON f.k = e.k AND f.j = e.j GROUP BY f.k) a "
            + "JOIN dim d ON a.k = d.k WHERE d.tag = 'x'";

    @Test
    void theSemiJoinGoesBelowAnInnerJoinInTheAggregationsInput() {
        String plan = RewriteTesting.explain(depot, OVER_A_JOIN);
        assertThat(plan).containsPattern(
                "Aggregate\\[groupBy=\\[k\\].*\\n(\\s*Project.*\\n)?\\s*Join\\[INNER.*\\n\\s*Join\\[SEMI, keys=\\[k = k\\]\\]\\n"
                        + "\\s*Scan\\[table=fact, version=1, columns=\\[k, j, v\\]");
    }

    @Test
    void notWhenTheOtherSideKeepsMostGroups() {
        String sql = "SELECT a.k, a.total FROM (SELECT k, sum(v) AS total FROM fact GROUP BY k) a JOIN dim d ON a.k = d.k";
        assertThat(RewriteTesting.explain(depot, sql)).doesNotContain("SEMI");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        PER_KEY,
        // the aggregation on the join's right, several aggregate functions
        "SELECT d.k, a.total, a.m, a.n FROM dim d JOIN (SELECT k, sum(v) AS total, max(w) AS m, count(v) AS n "
                + "FROM fact GROUP BY k) a ON a.k = d.k WHERE d.tag = 'x'",
        // two group keys, both joined
        "SELECT a.k, a.j, a.total FROM (SELECT k, j, avg(v) AS total FROM fact GROUP BY k, j) a "
                + "JOIN dim d ON a.k = d.k AND a.j = d.j WHERE d.tag = 'x'",
        // a residual condition on the aggregate as in TPC-H Q17
        "SELECT sum(f.v) FROM fact f JOIN dim d ON f.k = d.k WHERE d.tag = 'x' "
                + "AND f.v < (SELECT 0.5 * avg(f2.v) FROM fact f2 WHERE f2.k = d.k)",
        THROUGH_A_JOIN,
        OVER_A_JOIN,
        // through a join and a projection, the aggregation on the right
        "SELECT x.tag, x.total FROM (SELECT a.k, e.tag, a.total * 2 AS total FROM dim e JOIN "
                + "(SELECT k, max(w) AS total FROM fact GROUP BY k) a ON e.k = a.k) x "
                + "JOIN dim d ON x.k = d.k WHERE d.tag = 'x'",
        // a LEFT join between: the rewrite must not see through it
        "SELECT a.k, a.total, e.tag FROM (SELECT k, count(*) AS total FROM fact GROUP BY k) a "
                + "LEFT JOIN dim e ON a.k = e.k AND e.tag = 'y' JOIN dim d ON e.k = d.k WHERE d.tag = 'x'",
        // nothing matches
        "SELECT a.k, a.total FROM (SELECT k, sum(v) AS total FROM fact GROUP BY k) a JOIN dim d ON a.k = d.k "
                + "WHERE d.tag = 'none'",
    })
    void answersAreTheSameWithAndWithoutTheRewrite(String sql) throws SQLException {
        RewriteTesting.assertSameAnswers(RULE, depot, duckdb, sql);
    }
}
