package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void emptyInput() {
        ValuesNode empty = values(COLUMNS, List.of());
        assertThat(run(allocator, new ProjectNode(empty, List.of(ref(2)), List.of("p")))).isEmpty();
    }
}
