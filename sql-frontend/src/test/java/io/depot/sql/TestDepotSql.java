package io.depot.sql;

import static io.depot.sql.SqlTestSupport.query;
import static io.depot.sql.SqlTestSupport.row;
import static io.depot.sql.SqlTestSupport.writeTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestDepotSql {
    private static final TableSchema SALES = TableSchema.of(
            Column.nullable("region", ColumnType.VARCHAR),
            Column.nullable("amount", ColumnType.decimal(10, 2)),
            Column.nullable("sold_on", ColumnType.DATE),
            Column.nullable("quantity", ColumnType.BIGINT));

    private DepotSql depot;

    @BeforeEach
    void setUp() {
        depot = DepotSql.temporary();
        writeTable(depot, "sales", SALES, List.of(
                row("north", new BigDecimal("12.50"), LocalDate.of(2024, 1, 1), 1L),
                row("north", new BigDecimal("30.00"), LocalDate.of(2024, 1, 2), 2L),
                row("south", new BigDecimal("5.00"), LocalDate.of(2024, 1, 2), 3L),
                row("south", new BigDecimal("100.25"), LocalDate.of(2024, 1, 3), null),
                row("서울", new BigDecimal("11.00"), null, 4L),
                row(null, new BigDecimal("50.00"), LocalDate.of(2024, 1, 4), 5L),
                row("east", null, LocalDate.of(2024, 1, 5), 6L)));
    }

    @AfterEach
    void tearDown() {
        depot.close();
    }

    @Test
    void groupsFiltersAndSorts() {
        PreparedSql prepared = depot.prepare(
                "SELECT region, COUNT(*) AS n, SUM(amount) AS s FROM sales WHERE amount > 10 GROUP BY region ORDER BY s DESC");
        assertThat(prepared.columns()).containsExactly(
                new Column("region", ColumnType.VARCHAR, true),
                new Column("n", ColumnType.BIGINT, false),
                new Column("s", ColumnType.decimal(18, 2), true));
        assertThat(query(depot,
                "SELECT region, COUNT(*) AS n, SUM(amount) AS s FROM sales WHERE amount > 10 GROUP BY region ORDER BY s DESC"))
                .containsExactly(
                        row("south", 1L, new BigDecimal("100.25")),
                        row(null, 1L, new BigDecimal("50.00")),
                        row("north", 2L, new BigDecimal("42.50")),
                        row("서울", 1L, new BigDecimal("11.00")));
    }

    @Test
    void identifiersIgnoreCaseAndKeepTheirSpelling() {
        PreparedSql prepared = depot.prepare("SELECT Region, QUANTITY AS Qty FROM SALES WHERE region = 'north' ORDER BY qty");
        assertThat(prepared.columns()).extracting(Column::name).containsExactly("Region", "Qty");
        assertThat(query(depot, "SELECT Region, QUANTITY AS Qty FROM SALES WHERE region = 'north' ORDER BY qty"))
                .containsExactly(row("north", 1L), row("north", 2L));
    }

    @Test
    void koreanLiteralsWork() {
        assertThat(query(depot, "SELECT amount FROM sales WHERE region = '서울'"))
                .containsExactly(row(new BigDecimal("11.00")));
    }

    @Test
    void aggregatesOverNoRowsGiveOneRow() {
        assertThat(query(depot, "SELECT COUNT(*), SUM(amount), MIN(sold_on) FROM sales WHERE amount > 1000"))
                .containsExactly(row(0L, null, null));
    }

    @Test
    void averagesKeepFractions() {
        assertThat(query(depot, "SELECT AVG(quantity), AVG(amount) FROM sales WHERE region = 'north'"))
                .containsExactly(row(1.5, new BigDecimal("21.250000")));
    }

    @Test
    void nullsAreFilteredAndCounted() {
        assertThat(query(depot, "SELECT COUNT(*), COUNT(region), COUNT(amount) FROM sales WHERE sold_on IS NOT NULL"))
                .containsExactly(row(6L, 5L, 5L));
    }

    @Test
    void expressionsAndLimits() {
        assertThat(query(depot,
                "SELECT region, amount * 2 AS doubled, quantity + 1 AS plus_one FROM sales "
                        + "WHERE quantity IS NOT NULL ORDER BY quantity DESC LIMIT 2 OFFSET 1"))
                .containsExactly(
                        row(null, new BigDecimal("100.00"), 6L),
                        row("서울", new BigDecimal("22.00"), 5L));
    }

    @Test
    void selectWithoutFrom() {
        assertThat(query(depot, "SELECT 1 + 1 AS two, 'a' AS letter")).containsExactly(row(2, "a"));
    }

    @Test
    void constantDateArithmeticFoldsToLiterals() {
        assertThat(query(depot, "SELECT COUNT(*) FROM sales WHERE sold_on <= DATE '2024-01-04' - INTERVAL '2' DAY"))
                .containsExactly(row(3L));
        assertThat(query(depot, "SELECT DATE '2024-01-31' + INTERVAL '1' MONTH, "
                + "INTERVAL '1' YEAR + DATE '2024-02-29', TIMESTAMP '2024-01-01 23:30:00' + INTERVAL '90' MINUTE"))
                .containsExactly(row(LocalDate.of(2024, 2, 29), LocalDate.of(2025, 2, 28),
                        java.time.LocalDateTime.of(2024, 1, 2, 1, 0)));
    }

    @Test
    void preparedStatementSeesLaterCommits() {
        PreparedSql prepared = depot.prepare("SELECT COUNT(*) FROM sales");
        writeTable(depot, "sales", SALES, List.of(row("west", BigDecimal.ONE.setScale(2), null, null)));
        try (var result = prepared.executeQuery(); var batch = result.next()) {
            assertThat(batch.getVector(0).getObject(0)).isEqualTo(8L);
        }
    }

    @Test
    void parametersBindAsConstantsOfTheirInferredTypes() {
        PreparedSql prepared = depot.prepare(
                "SELECT region, amount FROM sales WHERE amount > ? AND region <> ? ORDER BY amount LIMIT ?");
        assertThat(prepared.parameterTypes())
                .containsExactly(ColumnType.decimal(10, 2), ColumnType.VARCHAR, ColumnType.INTEGER);
        try (var result = prepared.executeQuery(List.of(11, "south", 2L)); var batch = result.next()) {
            assertThat(batch.getRowCount()).isEqualTo(2);
        }
        assertThatThrownBy(() -> prepared.executeQuery(List.of(1)))
                .hasMessage("Statement has 3 parameters but 1 values were given");
        assertThatThrownBy(() -> prepared.executeQuery(java.util.Arrays.asList(new BigDecimal("1.005"), null, "x")))
                .hasMessageContaining("Parameter 3 value[x]");
    }

    @Test
    void explainShowsColumnsAndFiltersPushedIntoTheScan() {
        assertThat(query(depot, "EXPLAIN SELECT region, SUM(amount) AS s FROM sales WHERE quantity > 2 GROUP BY region"))
                .containsExactly(
                        row("Aggregate[groupBy=[region], aggregates=[SUM(amount) AS s]]"),
                        row("  Scan[table=sales, version=1, columns=[region, amount, quantity], "
                                + "filter=(quantity > 2), segments=1, rows=7]"));
    }

    /**
     * A condition on the outer side of a join's ON clause goes down onto that side's scan, and the
     * column only it reads stops there instead of riding through the join (TPC-H Q13's o_comment).
     */
    @Test
    void aColumnOnlyAPushedJoinConditionReadsStaysInTheScan() {
        String sql = "SELECT s.region, COUNT(t.quantity) AS n FROM sales s LEFT JOIN sales t "
                + "ON s.region = t.region AND t.sold_on > DATE '2024-01-01' GROUP BY s.region";
        List<String> lines = query(depot, "EXPLAIN " + sql).stream().map(row -> (String) row.get(0)).toList();
        String joinLine = lines.stream().filter(line -> line.contains("Join[")).findFirst().orElseThrow();
        int joinIndent = joinLine.indexOf("Join[");
        // the join's inputs (the lines one level below it) carry no sold_on
        assertThat(lines.stream().filter(line -> line.indexOf(line.trim()) == joinIndent + 2))
                .hasSize(2).allSatisfy(line -> assertThat(line).doesNotContain("sold_on"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("Scan[table=sales, version=1, columns=[region, sold_on, quantity], filter=(sold_on > DATE '2024-01-01')"));
        assertThat(query(depot, sql + " ORDER BY s.region NULLS FIRST")).containsExactly(
                row(null, 0L), row("east", 1L), row("north", 2L), row("south", 2L), row("서울", 0L));
    }

    @Test
    void explainAnalyzeRunsTheQueryAndReportsEachOperator() {
        long groups = query(depot, "SELECT region, SUM(amount) AS s FROM sales WHERE quantity > 2 GROUP BY region").size();
        long matching = (Long) query(depot, "SELECT COUNT(*) FROM sales WHERE quantity > 2").get(0).get(0);
        List<String> lines = query(depot, "EXPLAIN ANALYZE SELECT region, SUM(amount) AS s FROM sales WHERE quantity > 2 GROUP BY region")
                .stream().map(row -> (String) row.get(0)).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("Aggregate[groupBy=[region], aggregates=[SUM(amount) AS s]] (rows=" + groups + ", batches=");
        assertThat(lines.get(1)).startsWith("  Scan[table=sales, version=1, columns=[region, amount, quantity], "
                        + "filter=(quantity > 2), segments=1, rows=7] (rows=" + matching + ", batches=1, bytes=")
                .endsWith("segments=1, blocks read=1 skipped=0 of 1, rows read=7)");
        assertThat(lines.get(2)).matches("Total: [0-9.]+ ms, peak memory [0-9.]+ (B|KB|MB)");
    }

    @Test
    void explainAnalyzeShowsBlocksSkippedByZoneMaps() {
        List<String> lines = query(depot, "EXPLAIN ANALYZE SELECT region FROM sales WHERE quantity > 1000")
                .stream().map(row -> (String) row.get(0)).toList();
        assertThat(lines.get(lines.size() - 2)).contains("(rows=0, batches=0, bytes=0 B")
                .endsWith("segments=1, blocks read=0 skipped=1 of 1, rows read=0)");
    }

    @Test
    void equalitiesCommonToEveryOrBranchBecomeJoinKeys() {
        List<List<Object>> plan = query(depot, "EXPLAIN SELECT COUNT(*) FROM sales a, sales b "
                + "WHERE (a.region = b.region AND a.quantity > 1) OR (a.region = b.region AND b.quantity < 3)");
        assertThat(plan).anySatisfy(line -> assertThat((String) line.get(0)).contains("Join[INNER, keys=[region = region]"));
        assertThat(query(depot, "SELECT COUNT(*) FROM sales a, sales b "
                + "WHERE (a.region = b.region AND a.quantity > 1) OR (a.region = b.region AND b.quantity < 3)"))
                .containsExactly(row(8L)); // north 4 pairs, south 2 (NULL quantities drop 2), 서울 1, east 1
    }

    @Test
    void systemTablesDescribeTheDatabase() {
        writeTable(depot, "sales", SALES, List.of(row("west", BigDecimal.ONE.setScale(2), null, null)));
        assertThat(query(depot, "SELECT table_name, version, row_count, segment_count, column_count FROM sys.tables"))
                .containsExactly(row("sales", 2L, 8L, 2, 4));
        assertThat(query(depot, "SELECT segment, row_count FROM sys.segments WHERE table_name = 'sales' ORDER BY segment"))
                .containsExactly(row(0, 7L), row(1, 1L));
        assertThatThrownBy(() -> depot.prepare("SELECT * FROM tables")).hasMessageContaining("'tables' not found");
    }

    @Test
    void unknownTableIsAUserError() {
        assertThatThrownBy(() -> depot.prepare("SELECT * FROM nope"))
                .isInstanceOf(DepotException.class)
                .hasMessageContaining("'nope' not found")
                .satisfies(e -> assertThat(((DepotException) e).code()).isEqualTo(ErrorCode.USER));
    }

    @Test
    void syntaxErrorIsAUserError() {
        assertThatThrownBy(() -> depot.prepare("SELECT region FROM sales WHERE"))
                .isInstanceOf(DepotException.class)
                .hasMessageContaining("line 1, column 30");
        assertThatThrownBy(() -> depot.prepare("SELEC 1"))
                .isInstanceOf(DepotException.class)
                .hasMessageContaining("line 1, column 1");
    }
}
