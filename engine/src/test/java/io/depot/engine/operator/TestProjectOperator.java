package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchBuilder;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.AggregateCall;
import io.depot.engine.plan.AggregateFunction;
import io.depot.engine.plan.AggregateNode;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.LimitNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.SortNode;
import io.depot.engine.plan.TopNNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Projections that only pick columns hand the input's vectors on; the rows are the same either way. */
class TestProjectOperator extends AllocatorTest {
    private static final ColumnType MONEY = ColumnType.decimal(12, 2);
    private static final List<Column> COLUMNS = List.of(Column.nullable("n", ColumnType.INTEGER),
            Column.nullable("word", ColumnType.VARCHAR), Column.nullable("price", MONEY));
    private static final int ROWS = 150_000;

    private static ValuesNode input() {
        List<List<Object>> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(inputRow(i));
        }
        return values(COLUMNS, rows);
    }

    private static List<Object> inputRow(int i) {
        return row(i, i % 5 == 0 ? null : "서울" + (i % 7), i % 3 == 0 ? null : BigDecimal.valueOf(i, 2));
    }

    private static ColumnReference ref(int index) {
        return new ColumnReference(index, COLUMNS.get(index).type(), true);
    }

    @Test
    void pickingColumnsMovesTheInputVectorsAndRenamesThem() {
        ValuesNode input = input();
        ProjectNode project = new ProjectNode(input, List.of(ref(2), ref(0)), List.of("cost", "id"));
        ValuesOperator source = new ValuesOperator(input.columns(), input.rows(), allocator);
        List<List<Object>> rows = new ArrayList<>();
        try (ProjectOperator operator = new ProjectOperator(source, project.expressions(), project.columns(), allocator)) {
            while (true) {
                Batch batch = operator.next();
                if (batch == null) {
                    break;
                }
                try (VectorSchemaRoot root = batch.transferCompacted(project.columns(), allocator)) {
                    assertThat(root.getSchema().getFields()).extracting(field -> field.getName())
                            .containsExactly("cost", "id");
                    rows.addAll(QueryTesting.rows(root, project.columns()));
                }
            }
        }
        assertThat(rows).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(rows.get(i)).containsExactly(inputRow(i).get(2), i);
        }
    }

    @Test
    void pickingColumnsKeepsTheFiltersSelection() {
        ValuesNode input = input();
        Expression odd = Call.of(Function.EQUAL, ColumnType.BOOLEAN,
                Call.of(Function.MODULO, ColumnType.INTEGER, ref(0), new Literal(2, ColumnType.INTEGER)),
                new Literal(1, ColumnType.INTEGER));
        PlanNode project = new ProjectNode(new FilterNode(input, odd), List.of(ref(1), ref(0)), List.of("w", "n"));
        List<List<Object>> rows = run(allocator, project);
        assertThat(rows).hasSize(ROWS / 2);
        for (int i = 0; i < ROWS / 2; i++) {
            assertThat(rows.get(i)).containsExactly(inputRow(2 * i + 1).get(1), 2 * i + 1);
        }
    }

    @Test
    void computedOrRepeatedColumnsAreCopiedAndAgree() {
        ValuesNode input = input();
        List<List<Object>> picked = run(allocator, new ProjectNode(input, List.of(ref(1), ref(2)), List.of("a", "b")));
        List<List<Object>> repeated = run(allocator,
                new ProjectNode(input, List.of(ref(1), ref(2), ref(1)), List.of("a", "b", "c")));
        assertThat(repeated).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            List<Object> row = inputRow(i);
            assertThat(picked.get(i)).containsExactly(row.get(1), row.get(2));
            assertThat(repeated.get(i)).containsExactly(row.get(1), row.get(2), row.get(1));
        }
    }

    @Test
    void denseSelectionIsKeptWithPassedThroughAndComputedColumns() {
        ValuesNode input = input();
        // keeps two rows of three: the batches reach the projection with a dense selection
        Expression notThird = Call.of(Function.NOT_EQUAL, ColumnType.BOOLEAN,
                Call.of(Function.MODULO, ColumnType.INTEGER, ref(0), new Literal(3, ColumnType.INTEGER)),
                new Literal(1, ColumnType.INTEGER));
        Expression doubled = Call.of(Function.MULTIPLY, ColumnType.INTEGER, ref(0), new Literal(2, ColumnType.INTEGER));
        ProjectNode project = new ProjectNode(input, List.of(ref(1), doubled, ref(2), ref(1)),
                List.of("w", "twice", "p", "again"));
        List<Integer> expectedIds = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            if (i % 3 != 1) {
                expectedIds.add(i);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean sawSelection = false;
        Operator filtered = new FilterOperator(new ValuesOperator(input.columns(), input.rows(), allocator), notThird);
        try (Operator operator = new ProjectOperator(filtered, project.expressions(), project.columns(), allocator)) {
            for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
                sawSelection |= batch.selection() != null;
                try (VectorSchemaRoot root = batch.transferCompacted(project.columns(), allocator)) {
                    rows.addAll(QueryTesting.rows(root, project.columns()));
                }
            }
        }
        assertThat(sawSelection).as("the projection handed on the filter's selection").isTrue();
        assertThat(rows).hasSize(expectedIds.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = inputRow(expectedIds.get(i));
            assertThat(rows.get(i)).containsExactly(row.get(1), 2 * expectedIds.get(i), row.get(2), row.get(1));
        }
    }

    /** A projection over a filter (dense selection) with computed decimals and strings, NULLs included. */
    private static ProjectNode computingProjection() {
        ValuesNode input = input();
        Expression notThird = Call.of(Function.NOT_EQUAL, ColumnType.BOOLEAN,
                Call.of(Function.MODULO, ColumnType.INTEGER, ref(0), new Literal(3, ColumnType.INTEGER)),
                new Literal(1, ColumnType.INTEGER));
        // price * (1 - price / 1000), as TPC-H Q1's l_extendedprice * (1 - l_discount)
        Expression discounted = Call.of(Function.MULTIPLY, ColumnType.decimal(18, 4), ref(2),
                Call.of(Function.SUBTRACT, MONEY, new Literal(BigDecimal.ONE, ColumnType.decimal(10, 0)), ref(2)));
        Expression word = Call.of(Function.CONCAT, ColumnType.VARCHAR, ref(1), new Literal("!", ColumnType.VARCHAR));
        return new ProjectNode(new FilterNode(input, notThird), List.of(ref(1), discounted, ref(2), word, ref(0)),
                List.of("w", "discounted", "p", "shout", "n"));
    }

    private static List<List<Object>> runWithUnpacked(BufferAllocator allocator, PlanNode plan, boolean unpacked) {
        String previous = System.getProperty(ProjectOperator.UNPACKED_PROPERTY);
        System.setProperty(ProjectOperator.UNPACKED_PROPERTY, Boolean.toString(unpacked));
        try {
            return run(allocator, plan);
        } finally {
            if (previous == null) {
                System.clearProperty(ProjectOperator.UNPACKED_PROPERTY);
            } else {
                System.setProperty(ProjectOperator.UNPACKED_PROPERTY, previous);
            }
        }
    }

    @Test
    void computedColumnsCarryTheirValuesAndWriteTheirVectorsOnDemand() {
        ProjectNode project = computingProjection();
        FilterNode filter = (FilterNode) project.input();
        ValuesNode input = (ValuesNode) filter.input();
        List<List<Object>> expected = runWithUnpacked(allocator, project, false);
        assertThat(expected).hasSize(ROWS - ROWS / 3);
        List<List<Object>> fromData = new ArrayList<>();
        List<List<Object>> fromVectors = new ArrayList<>();
        boolean sawSelection = false;
        Operator filtered = new FilterOperator(new ValuesOperator(input.columns(), input.rows(), allocator),
                filter.condition());
        try (Operator operator = new ProjectOperator(filtered, project.expressions(), project.columns(), allocator)) {
            for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
                sawSelection |= batch.selection() != null;
                // computed and read columns carry their values; the vector of one not read stays behind
                assertThat(batch.unpackedData(1, project.columns().get(1).type())).isNotNull();
                assertThat(batch.unpackedData(2, project.columns().get(2).type())).isNotNull();
                assertThat(batch.unpackedData(4, project.columns().get(4).type())).isNull();
                // asked as another type, the values come from the (then written) vector
                assertThat(batch.unpackedData(1, ColumnType.decimal(18, 3))).isNull();
                List<ColumnData> data = new ArrayList<>();
                for (int i = 0; i < project.columns().size(); i++) {
                    data.add(batch.columnData(i, project.columns().get(i).type()));
                }
                try (VectorSchemaRoot root = BatchBuilder.buildRoot(project.columns(), data, batch.rowCount(),
                        allocator)) {
                    fromData.addAll(QueryTesting.rows(root, project.columns()));
                }
                try (VectorSchemaRoot root = batch.transferCompacted(project.columns(), allocator)) {
                    fromVectors.addAll(QueryTesting.rows(root, project.columns()));
                }
            }
        }
        assertThat(sawSelection).isTrue();
        assertThat(fromData).isEqualTo(expected);
        assertThat(fromVectors).isEqualTo(expected);
        assertThat(runWithUnpacked(allocator, project, true)).isEqualTo(expected);
    }

    @Test
    void consumersOfUnpackedValuesAgreeWithTheWrittenVectors() {
        ProjectNode project = computingProjection();
        // the projection's columns: w, discounted, p, shout, n
        List<PlanNode> consumers = List.of(
                // grouped on a computed string, summing a computed decimal with NULLs
                new AggregateNode(project, List.of(3), List.of(
                        new AggregateCall(AggregateFunction.SUM, OptionalInt.of(1), false, ColumnType.decimal(18, 4), "s"),
                        new AggregateCall(AggregateFunction.AVG, OptionalInt.of(1), false, ColumnType.decimal(18, 6), "a"),
                        new AggregateCall(AggregateFunction.COUNT, OptionalInt.of(2), false, ColumnType.BIGINT, "c"),
                        new AggregateCall(AggregateFunction.MAX, OptionalInt.of(0), false, ColumnType.VARCHAR, "m"))),
                new SortNode(project, List.of(SortKey.descending(1), SortKey.ascending(4))),
                new TopNNode(project, List.of(SortKey.ascending(3), SortKey.descending(4)), 1000),
                // a filter above narrows batches whose computed vectors are still unwritten
                new FilterNode(project, Call.of(Function.GREATER_THAN, ColumnType.BOOLEAN,
                        Call.of(Function.MODULO, ColumnType.INTEGER, new ColumnReference(4, ColumnType.INTEGER, true),
                                new Literal(7, ColumnType.INTEGER)),
                        new Literal(2, ColumnType.INTEGER))),
                new LimitNode(project, 5, 70_000),
                new ProjectNode(project, List.of(new ColumnReference(3, ColumnType.VARCHAR, true),
                        new ColumnReference(1, ColumnType.decimal(18, 4), true),
                        Call.of(Function.ADD, ColumnType.decimal(19, 4), new ColumnReference(1, ColumnType.decimal(18, 4), true),
                                new ColumnReference(2, MONEY, true))), List.of("a", "b", "c")));
        for (PlanNode consumer : consumers) {
            List<List<Object>> written = runWithUnpacked(allocator, consumer, false);
            assertThat(written).as("%s", consumer.getClass().getSimpleName()).isNotEmpty();
            assertThat(runWithUnpacked(allocator, consumer, true)).as("%s", consumer.getClass().getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(written);
        }
    }

    @Test
    void repeatedSubexpressionsAreComputedOncePerBatchAndAgree() {
        ValuesNode input = input();
        // price * (1 - price) alone, inside a larger product, and twice more; NULL prices included
        Expression discounted = Call.of(Function.MULTIPLY, ColumnType.decimal(18, 4), ref(2),
                Call.of(Function.SUBTRACT, MONEY, new Literal(BigDecimal.ONE, ColumnType.decimal(10, 0)), ref(2)));
        Expression charged = Call.of(Function.MULTIPLY, ColumnType.decimal(18, 6), discounted,
                Call.of(Function.ADD, MONEY, new Literal(BigDecimal.ONE, ColumnType.decimal(10, 0)), ref(2)));
        // 100 / (n % 4) only where n % 4 <> 0, in two columns: sharing must not divide by zero elsewhere
        Expression remainder = Call.of(Function.MODULO, ColumnType.INTEGER, ref(0), new Literal(4, ColumnType.INTEGER));
        Expression quotient = Call.of(Function.DIVIDE, ColumnType.INTEGER, new Literal(100, ColumnType.INTEGER), remainder);
        Expression guarded = Call.of(Function.CASE, ColumnType.INTEGER,
                Call.of(Function.NOT_EQUAL, ColumnType.BOOLEAN, remainder, new Literal(0, ColumnType.INTEGER)), quotient,
                new Literal(-1, ColumnType.INTEGER));
        Expression guardedPlusOne = Call.of(Function.ADD, ColumnType.INTEGER, guarded, new Literal(1, ColumnType.INTEGER));
        List<Expression> expressions = List.of(discounted, charged, discounted, guarded, guardedPlusOne);
        List<String> names = List.of("d", "c", "again", "g", "g1");
        List<List<Object>> rows = run(allocator, new ProjectNode(input, expressions, names));
        assertThat(rows).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            BigDecimal price = (BigDecimal) inputRow(i).get(2);
            BigDecimal d = price == null ? null : price.multiply(BigDecimal.ONE.subtract(price)).setScale(4);
            BigDecimal c = price == null ? null : d.multiply(BigDecimal.ONE.add(price)).setScale(6);
            int g = i % 4 == 0 ? -1 : 100 / (i % 4);
            assertThat(rows.get(i)).as("row %d", i).containsExactly(d, c, d, g, g + 1);
        }
        // the repeated column is the very values of the first one
        ProjectNode project = new ProjectNode(input, expressions, names);
        try (Operator operator = new ProjectOperator(new ValuesOperator(input.columns(), input.rows(), allocator),
                project.expressions(), project.columns(), allocator)) {
            for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
                try (Batch owned = batch) {
                    assertThat(owned.unpackedData(2, ColumnType.decimal(18, 4)))
                            .isSameAs(owned.unpackedData(0, ColumnType.decimal(18, 4)));
                }
            }
        }
    }

    @Test
    void emptyInput() {
        ValuesNode empty = values(COLUMNS, List.of());
        assertThat(run(allocator, new ProjectNode(empty, List.of(ref(2)), List.of("p")))).isEmpty();
    }
}
