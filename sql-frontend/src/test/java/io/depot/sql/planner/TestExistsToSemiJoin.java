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

/** EXISTS and NOT EXISTS become SEMI and ANTI joins with the subquery's condition; answers do not change. */
class TestExistsToSemiJoin {
    private static final String RULE = "ExistsToSemiJoin";

    private DepotSql depot;
    private Connection duckdb;

    @BeforeEach
    void createTables() throws SQLException {
        depot = DepotSql.temporary();
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        RewriteTesting.execute(depot, duckdb,
                "CREATE TABLE outer_rows (k INTEGER, s INTEGER, v INTEGER)",
                "CREATE TABLE inner_rows (k INTEGER, s INTEGER, w INTEGER)",
                "CREATE TABLE no_rows (k INTEGER, s INTEGER, w INTEGER)");
        Random random = new Random(42);
        RewriteTesting.execute(depot, duckdb,
                "INSERT INTO outer_rows VALUES " + randomRows(random, 300, 40),
                "INSERT INTO inner_rows VALUES " + randomRows(random, 2_000, 60));
    }

    @AfterEach
    void close() throws SQLException {
        try (DepotSql closedDepot = depot; Connection closedDuckdb = duckdb) {
            // closes both
        }
    }

    /** Rows of three INTEGER columns, keys below keyRange, about one value in seven NULL. */
    private static String randomRows(Random random, int count, int keyRange) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add("(" + maybeNull(random, random.nextInt(keyRange)) + ", " + maybeNull(random, random.nextInt(5))
                    + ", " + maybeNull(random, random.nextInt(100)) + ")");
        }
        return String.join(", ", rows);
    }

    private static String maybeNull(Random random, int value) {
        return random.nextInt(7) == 0 ? "NULL" : Integer.toString(value);
    }

    @Test
    void existsWithANonEquiConditionIsASemiJoinWithThatCondition() {
        String sql = "SELECT * FROM outer_rows o WHERE EXISTS "
                + "(SELECT * FROM inner_rows i WHERE i.k = o.k AND i.s <> o.s)";
        String plan = RewriteTesting.explain(depot, sql);
        assertThat(plan).contains("Join[SEMI, keys=[k = k], condition=(s <> s)").doesNotContain("Aggregate");
        assertThat(RewriteTesting.explainWithout(RULE, depot, sql)).contains("Aggregate");
    }

    @Test
    void notExistsIsAnAntiJoinAndKeepsTheSubqueryFilterBelowIt() {
        String sql = "SELECT * FROM outer_rows o WHERE NOT EXISTS "
                + "(SELECT * FROM inner_rows i WHERE i.k = o.k AND i.s <> o.s AND i.w > 50)";
        String plan = RewriteTesting.explain(depot, sql);
        assertThat(plan).contains("Join[ANTI, keys=[k = k], condition=(s <> s)")
                .contains("filter=(w > 50)")
                .doesNotContain("Aggregate");
    }

    @Test
    void aFewOuterRowsBuildTheTableAndTheLargeSubqueryInputStreams() {
        String sql = "SELECT * FROM outer_rows o WHERE o.v < 10 AND EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k)";
        assertThat(RewriteTesting.explain(depot, sql)).contains("build=left");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM outer_rows o WHERE EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k AND i.s <> o.s)",
        "SELECT * FROM outer_rows o WHERE NOT EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k AND i.s <> o.s)",
        "SELECT * FROM outer_rows o WHERE EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k)",
        "SELECT * FROM outer_rows o WHERE NOT EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k)",
        "SELECT * FROM outer_rows o WHERE o.v < 10 AND EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k AND i.w < o.v)",
        "SELECT * FROM outer_rows o WHERE o.v < 10 AND NOT EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k AND i.w < o.v)",
        // only a non-equi correlation: a cross join with a condition
        "SELECT * FROM outer_rows o WHERE EXISTS (SELECT * FROM inner_rows i WHERE i.w > o.v + 90)",
        "SELECT * FROM outer_rows o WHERE NOT EXISTS (SELECT * FROM inner_rows i WHERE i.w > o.v + 90)",
        // both, as in TPC-H Q21
        "SELECT o.k, count(*) FROM outer_rows o WHERE EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k AND i.s <> o.s) "
                + "AND NOT EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k AND i.s <> o.s AND i.w > 20) GROUP BY o.k",
        // empty subquery input, empty outer input
        "SELECT * FROM outer_rows o WHERE EXISTS (SELECT * FROM no_rows i WHERE i.k = o.k)",
        "SELECT * FROM outer_rows o WHERE NOT EXISTS (SELECT * FROM no_rows i WHERE i.k = o.k)",
        "SELECT * FROM no_rows n WHERE NOT EXISTS (SELECT * FROM inner_rows i WHERE i.k = n.k)",
        // EXISTS inside OR and in the select list stay with the decorrelator
        "SELECT * FROM outer_rows o WHERE o.v < 5 OR EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k AND i.s <> o.s)",
        "SELECT o.k, EXISTS (SELECT * FROM inner_rows i WHERE i.k = o.k) FROM outer_rows o",
    })
    void answersAreTheSameWithAndWithoutTheRewrite(String sql) throws SQLException {
        RewriteTesting.assertSameAnswers(RULE, depot, duckdb, sql);
    }
}
