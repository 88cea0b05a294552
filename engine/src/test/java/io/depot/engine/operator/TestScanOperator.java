package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.AggregateCall;
import io.depot.engine.plan.AggregateFunction;
import io.depot.engine.plan.AggregateNode;
import io.depot.engine.plan.ScanNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scans a table of two segments: ids 0..199,999 (four blocks of up to 65,536 rows, amount never
 * NULL) and ids 200,000..229,999 (one block, amount always NULL).
 */
class TestScanOperator extends AllocatorTest {
    private static final ColumnType MONEY = ColumnType.decimal(10, 2);
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("city", ColumnType.VARCHAR),
            Column.nullable("amount", MONEY));
    private static final String[] CITIES = {"부산", "서울", "인천"};
    private static final int FIRST_SEGMENT_ROWS = 200_000;
    private static final int TOTAL_ROWS = 230_000;

    private Database database;
    private Snapshot snapshot;

    @BeforeEach
    void writeTable() {
        database = Database.temporary();
        append(0, FIRST_SEGMENT_ROWS);
        append(FIRST_SEGMENT_ROWS, TOTAL_ROWS);
        snapshot = database.table("sales").orElseThrow().snapshot();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private void append(int from, int to) {
        try (TableWriter writer = database.beginWrite("sales", SCHEMA)) {
            for (int start = from; start < to; start += 50_000) {
                int end = Math.min(to, start + 50_000);
                try (VectorSchemaRoot root = ArrowTypes.createRoot(SCHEMA, database.allocator())) {
                    root.allocateNew();
                    for (int id = start; id < end; id++) {
                        int row = id - start;
                        ArrowValues.set(root.getVector(0), ColumnType.BIGINT, row, (long) id);
                        ArrowValues.set(root.getVector(1), ColumnType.VARCHAR, row, CITIES[id % 3]);
                        BigDecimal amount = id < FIRST_SEGMENT_ROWS ? BigDecimal.valueOf(id % 1000, 2) : null;
                        ArrowValues.set(root.getVector(2), MONEY, row, amount);
                    }
                    root.setRowCount(end - start);
                    writer.append(root);
                }
            }
            writer.commit();
        }
    }

    private static Expression compare(Function function, ColumnReference column, Literal literal) {
        return Call.of(function, ColumnType.BOOLEAN, column, literal);
    }

    private static Literal id(long value) {
        return new Literal(value, ColumnType.BIGINT);
    }

    /** Runs the scan to the end, returning its row count; statistics are read from the operator after. */
    private long drain(ScanOperator scan) {
        long rows = 0;
        Batch batch;
        while ((batch = scan.next()) != null) {
            rows += batch.rowCount();
            batch.close();
        }
        return rows;
    }

    @Test
    void projectsColumnsInTheirOutputOrder() {
        ScanNode scan = new ScanNode(snapshot, List.of(2, 0), Optional.empty());
        List<List<Object>> rows = run(allocator, scan);
        assertThat(rows).hasSize(TOTAL_ROWS);
        assertThat(rows.get(1_234)).isEqualTo(row(new BigDecimal("2.34"), 1_234L));
        assertThat(rows.get(TOTAL_ROWS - 1)).isEqualTo(row(null, (long) TOTAL_ROWS - 1));
    }

    @Test
    void rangeFilterReadsOnlyTheBlockThatCanMatch() {
        ColumnReference idColumn = new ColumnReference(1, ColumnType.BIGINT, true);
        Expression filter = Call.of(Function.AND, ColumnType.BOOLEAN,
                compare(Function.GREATER_THAN_OR_EQUAL, idColumn, id(150_000)),
                compare(Function.LESS_THAN, idColumn, id(160_000)));
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(1, 0), Optional.of(filter)), allocator)) {
            assertThat(drain(scan)).isEqualTo(10_000);
            ScanStatistics statistics = scan.statistics();
            assertThat(statistics.segmentsOpened()).isEqualTo(2);
            assertThat(statistics.blocksTotal()).isEqualTo(5);
            assertThat(statistics.blocksRead()).isEqualTo(1);
            assertThat(statistics.blocksSkipped()).isEqualTo(4);
        }
    }

    @Test
    void literalOnTheLeftIsFlipped() {
        ColumnReference idColumn = new ColumnReference(0, ColumnType.BIGINT, true);
        Expression filter = Call.of(Function.GREATER_THAN, ColumnType.BOOLEAN, id(100), idColumn);
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(0), Optional.of(filter)), allocator)) {
            assertThat(drain(scan)).isEqualTo(100);
            assertThat(scan.statistics().blocksRead()).isEqualTo(1);
        }
    }

    @Test
    void inListReadsOnlyBlocksHoldingOneOfItsValues() {
        ColumnReference idColumn = new ColumnReference(0, ColumnType.BIGINT, true);
        Expression filter = Call.of(Function.IN, ColumnType.BOOLEAN, idColumn, id(5), id(70_000), id(1_000_000),
                Literal.nullOf(ColumnType.BIGINT));
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(0), Optional.of(filter)), allocator)) {
            assertThat(drain(scan)).isEqualTo(2);
            assertThat(scan.statistics().blocksRead()).isEqualTo(2);
            assertThat(scan.statistics().blocksSkipped()).isEqualTo(3);
        }
    }

    @Test
    void nullTestsPruneByNullCount() {
        ColumnReference amount = new ColumnReference(0, MONEY, true);
        Expression isNull = Call.of(Function.IS_NULL, ColumnType.BOOLEAN, amount);
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(2), Optional.of(isNull)), allocator)) {
            assertThat(drain(scan)).isEqualTo(TOTAL_ROWS - FIRST_SEGMENT_ROWS);
            assertThat(scan.statistics().blocksRead()).isEqualTo(1);
        }
        // Comparing a block of only NULLs is never TRUE, so that block is skipped too.
        Expression cheap = compare(Function.LESS_THAN, amount, new Literal(new BigDecimal("0.05"), MONEY));
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(2), Optional.of(cheap)), allocator)) {
            assertThat(drain(scan)).isEqualTo(FIRST_SEGMENT_ROWS / 1000 * 5);
            assertThat(scan.statistics().blocksSkipped()).isEqualTo(1);
        }
    }

    @Test
    void filterThatZoneMapsCannotDecideStillFiltersRows() {
        ColumnReference city = new ColumnReference(0, ColumnType.VARCHAR, true);
        Expression filter = compare(Function.EQUAL, city, new Literal("서울", ColumnType.VARCHAR));
        AggregateNode count = new AggregateNode(new ScanNode(snapshot, List.of(1), Optional.of(filter)), List.of(),
                List.of(new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "n")));
        // ids 1, 4, 7, ... below 230,000
        assertThat(run(allocator, count)).containsExactly(row(76_667L));
        Expression inRange = compare(Function.EQUAL, city, new Literal("사과", ColumnType.VARCHAR));
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(1), Optional.of(inRange)), allocator)) {
            assertThat(drain(scan)).isZero();
            // "사과" sorts between "부산" and "인천", every block's range, so zone maps skip no block;
            // the city bitmap indexes show it is in none of them, so none is decoded.
            assertThat(scan.statistics().blocksSelectedByIndex()).isEqualTo(5);
            assertThat(scan.statistics().blocksRead()).isZero();
        }
        Expression belowRange = compare(Function.EQUAL, city, new Literal("대전", ColumnType.VARCHAR));
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(1), Optional.of(belowRange)), allocator)) {
            assertThat(drain(scan)).isZero();
            assertThat(scan.statistics().blocksRead()).isZero();
        }
    }

    @Test
    void countStarWithoutColumns() {
        AggregateNode count = new AggregateNode(new ScanNode(snapshot, List.of(), Optional.empty()), List.of(),
                List.of(new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "n")));
        assertThat(run(allocator, count)).containsExactly(row((long) TOTAL_ROWS));
    }

    /**
     * The filter's column is decoded and tested first and the others read only for the rows that
     * passed: row by row for a selective filter (0.5% of rows), whole blocks for a loose one, none
     * for a block without matches; every row must come back with all of its columns.
     */
    @Test
    void filterFirstReturnsEveryColumnOfThePassingRows() {
        ColumnReference amount = new ColumnReference(1, MONEY, true);
        for (BigDecimal limit : List.of(new BigDecimal("0.05"), new BigDecimal("5.00"), new BigDecimal("-1.00"))) {
            Expression filter = compare(Function.LESS_THAN, amount, new Literal(limit, MONEY));
            List<List<Object>> expected = new ArrayList<>();
            for (int id = 0; id < FIRST_SEGMENT_ROWS; id++) {
                BigDecimal value = BigDecimal.valueOf(id % 1000, 2);
                if (value.compareTo(limit) < 0) {
                    expected.add(row(CITIES[id % 3], value, (long) id));
                }
            }
            // city, amount, id: the filter reads the middle column
            List<List<Object>> rows = run(allocator, new ScanNode(snapshot, List.of(1, 2, 0), Optional.of(filter)));
            assertThat(rows).as("amount < %s", limit).containsExactlyElementsOf(expected);
        }
    }
}
