package io.depot.engine.exec;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.SortNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class TestQueryExecutor extends AllocatorTest {
    private static final ColumnReference N = new ColumnReference(0, ColumnType.BIGINT, false);
    private static final ColumnReference NAME = new ColumnReference(1, ColumnType.VARCHAR, true);

    private static ValuesNode rows(int count) {
        List<List<Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(row((long) i, "name-" + i));
        }
        return values(List.of(Column.nullable("n", ColumnType.BIGINT), Column.nullable("name", ColumnType.VARCHAR)), rows);
    }

    private static Expression lessThan(long bound) {
        return Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, N, new Literal(bound, ColumnType.BIGINT));
    }

    @Test
    void filterThenProjectCompactsTheSelection() {
        FilterNode filter = new FilterNode(rows(10), Call.of(Function.EQUAL, ColumnType.BOOLEAN,
                Call.of(Function.MODULO, ColumnType.BIGINT, N, new Literal(3L, ColumnType.BIGINT)), new Literal(0L, ColumnType.BIGINT)));
        assertThat(run(allocator, filter)).containsExactly(
                row(0L, "name-0"), row(3L, "name-3"), row(6L, "name-6"), row(9L, "name-9"));
        ProjectNode project = new ProjectNode(filter,
                List.of(NAME, Call.of(Function.MULTIPLY, ColumnType.BIGINT, N, N)), List.of("name", "square"));
        assertThat(run(allocator, project)).containsExactly(
                row("name-0", 0L), row("name-3", 9L), row("name-6", 36L), row("name-9", 81L));
    }

    @Test
    void resultBatchesAreNonEmptyAndCompact() {
        FilterNode filter = new FilterNode(rows(200_000), lessThan(70_000));
        try (ResultStream stream = new QueryExecutor(allocator).execute(filter, QueryTesting.MEMORY_LIMIT)) {
            assertThat(stream.columns()).isEqualTo(filter.columns());
            List<Integer> sizes = new ArrayList<>();
            while (true) {
                try (VectorSchemaRoot root = stream.next()) {
                    if (root == null) {
                        break;
                    }
                    sizes.add(root.getRowCount());
                    assertThat(root.getVector(0).getValueCount()).isEqualTo(root.getRowCount());
                }
            }
            assertThat(sizes).containsExactly(65_536, 70_000 - 65_536);
        }
    }

    @Test
    void valuesWithoutColumns() {
        ValuesNode one = new ValuesNode(List.of(), List.of(List.of()));
        ProjectNode select = new ProjectNode(one, List.of(new Literal(1, ColumnType.INTEGER)), List.of("one"));
        assertThat(run(allocator, select)).containsExactly(row(1));
    }

    @Test
    void valuesLiteralOfTheWrongTypeIsAnInternalError() {
        ValuesNode wrong = new ValuesNode(List.of(Column.nullable("n", ColumnType.BIGINT)),
                List.of(List.of(new Literal(1, ColumnType.INTEGER))));
        assertThatThrownBy(() -> run(allocator, wrong))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessage("VALUES row[0] column[0] has type[INTEGER] where the column has type[BIGINT]");
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void closingEarlyFreesEverything() {
        SortNode sort = new SortNode(rows(100_000), List.of(SortKey.descending(0)));
        ResultStream stream = new QueryExecutor(allocator).execute(sort, QueryTesting.MEMORY_LIMIT);
        try (VectorSchemaRoot first = stream.next()) {
            assertThat(first.getRowCount()).isEqualTo(65_536);
        }
        stream.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void cancelledQueryFailsWithTheReasonAndFreesEverything() {
        SortNode sort = new SortNode(rows(200_000), List.of(SortKey.descending(0)));
        ResultStream stream = new QueryExecutor(allocator).execute(sort, QueryTesting.MEMORY_LIMIT);
        try (VectorSchemaRoot first = stream.next()) {
            assertThat(first.getRowCount()).isEqualTo(65_536);
        }
        stream.cancel(new DepotException(ErrorCode.RESOURCE, "Query exceeded its time limit"));
        assertThatThrownBy(stream::next)
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE))
                .hasMessage("Query exceeded its time limit");
        stream.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        assertThat(run(allocator, rows(3))).hasSize(3);
    }

    @Test
    void cancelBeforeTheFirstBatchStopsTheOperatorsWhereTheyAllocate() {
        // the sort consumes all its input inside the first next(); cancellation reaches it there
        SortNode sort = new SortNode(rows(200_000), List.of(SortKey.descending(0)));
        ResultStream stream = new QueryExecutor(allocator).execute(sort, QueryTesting.MEMORY_LIMIT);
        stream.cancel(new DepotException(ErrorCode.USER, "Query was cancelled"));
        assertThatThrownBy(stream::next).isInstanceOf(DepotException.class).hasMessage("Query was cancelled");
        stream.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void arrowMemoryOverTheLimitIsAResourceError() {
        long limit = 256 * 1024;
        assertThatThrownBy(() -> run(allocator, rows(100_000), limit))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE))
                .hasMessage("Query exceeded its memory limit of 262144 bytes")
                .hasCauseInstanceOf(OutOfMemoryException.class);
        assertThat(allocator.getAllocatedMemory()).isZero();
        // The parent allocator is unaffected and serves the next query.
        assertThat(run(allocator, rows(3))).hasSize(3);
    }

    @Test
    void operatorStateOverTheLimitIsAResourceError() {
        List<List<Object>> numbers = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            numbers.add(row(i));
        }
        ValuesNode input = values(List.of(Column.nullable("n", ColumnType.BIGINT)), numbers);
        // Each batch fits; the sort's copy of all rows in four columns does not, whether the
        // heap it reserves or the Arrow buffers next to it cross the shared budget first.
        long limit = 4 * 1024 * 1024;
        SortNode sort = new SortNode(new ProjectNode(input, List.of(N, N, N, N), List.of("a", "b", "c", "d")),
                List.of(SortKey.ascending(0)));
        assertThatThrownBy(() -> run(allocator, sort, limit))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE))
                .hasMessage("Query exceeded its memory limit of 4194304 bytes");
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void userErrorsFreeEverything() {
        ProjectNode divide = new ProjectNode(rows(100_000), List.of(Call.of(Function.DIVIDE, ColumnType.BIGINT,
                new Literal(1L, ColumnType.BIGINT), Call.of(Function.SUBTRACT, ColumnType.BIGINT, N, new Literal(70_000L, ColumnType.BIGINT)))),
                List.of("q"));
        assertThatThrownBy(() -> run(allocator, divide)).hasMessage("Division by zero");
        assertThat(allocator.getAllocatedMemory()).isZero();
    }
}
