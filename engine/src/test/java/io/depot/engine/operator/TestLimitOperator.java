package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.LimitNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestLimitOperator extends AllocatorTest {
    private static final int ROWS = 200_000;

    private static ValuesNode numbers() {
        List<List<Object>> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(row(i));
        }
        return values(List.of(Column.nullable("n", ColumnType.INTEGER)), rows);
    }

    private static List<Object> column(List<List<Object>> rows) {
        return rows.stream().map(r -> r.get(0)).toList();
    }

    @Test
    void offsetAndLimitAcrossBatches() {
        List<Object> result = column(run(allocator, new LimitNode(numbers(), 65_530, 10)));
        assertThat(result).containsExactly(65_530, 65_531, 65_532, 65_533, 65_534, 65_535, 65_536, 65_537, 65_538, 65_539);
    }

    @Test
    void offsetWithoutLimit() {
        List<Object> result = column(run(allocator, new LimitNode(numbers(), ROWS - 3, LimitNode.NO_LIMIT)));
        assertThat(result).containsExactly(ROWS - 3, ROWS - 2, ROWS - 1);
    }

    @Test
    void limitZeroAndOffsetBeyondTheEnd() {
        assertThat(run(allocator, new LimitNode(numbers(), 0, 0))).isEmpty();
        assertThat(run(allocator, new LimitNode(numbers(), ROWS + 5, 10))).isEmpty();
    }

    @Test
    void limitOverAFilteredSelection() {
        FilterNode odd = new FilterNode(numbers(), Call.of(Function.EQUAL, ColumnType.BOOLEAN,
                Call.of(Function.MODULO, ColumnType.INTEGER, new ColumnReference(0, ColumnType.INTEGER, false),
                        new Literal(2, ColumnType.INTEGER)),
                new Literal(1, ColumnType.INTEGER)));
        assertThat(column(run(allocator, new LimitNode(odd, 2, 3)))).containsExactly(5, 7, 9);
    }

    @Test
    void stopsPullingOnceSatisfied() {
        ValuesOperator source = new ValuesOperator(numbers().columns(), numbers().rows(), allocator);
        try (LimitOperator limit = new LimitOperator(source, 0, 5)) {
            try (Batch batch = limit.next()) {
                assertThat(batch.rowCount()).isEqualTo(5);
            }
            assertThat(limit.next()).isNull();
            assertThat(limit.isFinished()).isTrue();
            // Only the first of the input's four batches was produced.
            assertThat(source.isFinished()).isFalse();
        }
    }
}
