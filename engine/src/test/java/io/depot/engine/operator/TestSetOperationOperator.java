package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.SetOperation;
import io.depot.engine.plan.SetOperationNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSetOperationOperator extends AllocatorTest {
    private static final List<Column> COLUMNS = List.of(
            Column.nullable("k", ColumnType.INTEGER), Column.nullable("s", ColumnType.VARCHAR));

    private static PlanNode left() {
        return values(COLUMNS, List.of(row(1, "x"), row(1, "x"), row(1, "x"), row(null, null), row(null, null),
                row(2, "서울"), row(3, "")));
    }

    private static PlanNode right() {
        return values(COLUMNS, List.of(row(1, "x"), row(null, null), row(2, "서울"), row(2, "서울"), row(4, "y")));
    }

    private List<List<Object>> apply(SetOperation operation, boolean all) {
        return run(allocator, new SetOperationNode(List.of(left(), right()), operation, all, COLUMNS));
    }

    @Test
    void unionDistinctTreatsNullsAsEqual() {
        assertThat(apply(SetOperation.UNION, false)).containsExactlyInAnyOrder(
                row(1, "x"), row(null, null), row(2, "서울"), row(3, ""), row(4, "y"));
        assertThat(apply(SetOperation.UNION, true)).hasSize(12);
    }

    @Test
    void intersectKeepsTheSmallerCountWithAll() {
        assertThat(apply(SetOperation.INTERSECT, false)).containsExactlyInAnyOrder(
                row(1, "x"), row(null, null), row(2, "서울"));
        assertThat(apply(SetOperation.INTERSECT, true)).containsExactlyInAnyOrder(
                row(1, "x"), row(null, null), row(2, "서울"));
    }

    @Test
    void exceptSubtractsCountsWithAllAndRemovesPresentRowsWithout() {
        assertThat(apply(SetOperation.EXCEPT, false)).containsExactlyInAnyOrder(row(3, ""));
        assertThat(apply(SetOperation.EXCEPT, true)).containsExactlyInAnyOrder(
                row(1, "x"), row(1, "x"), row(null, null), row(3, ""));
    }

    @Test
    void emptyInputs() {
        PlanNode empty = values(COLUMNS, List.of());
        assertThat(run(allocator, new SetOperationNode(List.of(left(), empty), SetOperation.INTERSECT, false, COLUMNS)))
                .isEmpty();
        assertThat(run(allocator, new SetOperationNode(List.of(empty, empty), SetOperation.UNION, true, COLUMNS)))
                .isEmpty();
    }
}
