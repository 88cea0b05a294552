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

/** An OR of ANDs over two tables gives each table the filter it implies; answers do not change. */
class TestImpliedOrFilters {
    private static final String RULE = "ImpliedOrFilters";

    private DepotSql depot;
    private Connection duckdb;

    @BeforeEach
    void createTables() throws SQLException {
        depot = DepotSql.temporary();
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        RewriteTesting.execute(depot, duckdb,
                "CREATE TABLE a (id INTEGER, name VARCHAR, n INTEGER)",
                "CREATE TABLE b (id INTEGER, name VARCHAR, n INTEGER)");
        Random random = new Random(11);
        String[] names = {"FRANCE", "GERMANY", "PERU", "서울"};
        for (String table : List.of("a", "b")) {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String name = random.nextInt(9) == 0 ? "NULL" : "'" + names[random.nextInt(names.length)] + "'";
                String n = random.nextInt(9) == 0 ? "NULL" : Integer.toString(random.nextInt(40));
                rows.add("(" + random.nextInt(60) + ", " + name + ", " + n + ")");
            }
            RewriteTesting.execute(depot, duckdb, "INSERT INTO " + table + " VALUES " + String.join(", ", rows));
        }
    }

    @AfterEach
    void close() throws SQLException {
        try (DepotSql closedDepot = depot; Connection closedDuckdb = duckdb) {
            // closes both
        }
    }

    private static final String SWAPPED = "SELECT a.id, a.name, b.name FROM a JOIN b ON a.id = b.id "
            + "WHERE (a.name = 'FRANCE' AND b.name = 'GERMANY') OR (a.name = 'GERMANY' AND b.name = 'FRANCE')";

    @Test
    void eachTableGetsTheFilterTheOrImplies() {
        String plan = RewriteTesting.explain(depot, SWAPPED);
        assertThat(plan).contains("Scan[table=a").contains("Scan[table=b");
        for (String line : plan.split("\n")) {
            if (line.contains("Scan[")) {
                assertThat(line).contains("filter=((name = 'FRANCE') OR (name = 'GERMANY'))");
            }
        }
        assertThat(RewriteTesting.explainWithout(RULE, depot, SWAPPED)).doesNotContain("filter=");
    }

    @Test
    void aColumnSomeBranchLeavesFreeGetsNoFilter() {
        String sql = "SELECT a.id FROM a JOIN b ON a.id = b.id "
                + "WHERE (a.name = 'FRANCE' AND b.n < 5) OR (a.name = 'PERU' AND a.n > 30)";
        String plan = RewriteTesting.explain(depot, sql);
        assertThat(plan).contains("filter=((name = 'FRANCE') OR (name = 'PERU'))");
        assertThat(plan).doesNotContain("filter=(n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        SWAPPED,
        "SELECT a.id, b.n FROM a JOIN b ON a.id = b.id "
                + "WHERE (a.name = 'FRANCE' AND b.n BETWEEN 1 AND 10) OR (a.name = '서울' AND b.n BETWEEN 5 AND 20) "
                + "OR (a.name IS NULL AND b.n > 35)",
        "SELECT a.id FROM a JOIN b ON a.id = b.id WHERE (a.name = 'FRANCE' AND b.n < 5) OR (a.name = 'PERU' AND a.n > 30)",
        // an OR in an outer join's condition is left alone
        "SELECT a.id, b.name FROM a LEFT JOIN b ON a.id = b.id "
                + "AND ((a.name = 'FRANCE' AND b.name = 'GERMANY') OR (a.name = 'GERMANY' AND b.name = 'FRANCE'))",
        // an OR over one table
        "SELECT * FROM a WHERE (name = 'FRANCE' AND n < 10) OR (name = 'PERU' AND n > 30)",
        // nothing matches
        "SELECT a.id FROM a JOIN b ON a.id = b.id WHERE (a.name = 'X' AND b.name = 'Y') OR (a.name = 'Y' AND b.name = 'X')",
    })
    void answersAreTheSameWithAndWithoutTheRewrite(String sql) throws SQLException {
        RewriteTesting.assertSameAnswers(RULE, depot, duckdb, sql);
    }
}
