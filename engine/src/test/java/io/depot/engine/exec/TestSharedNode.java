package io.depot.engine.exec;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.JoinType;
import io.depot.engine.plan.PlanPrinter;
import io.depot.engine.plan.SetOperation;
import io.depot.engine.plan.SetOperationNode;
import io.depot.engine.plan.SharedNode;
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
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Every SharedNode of one id reads one computation of its input. */
class TestSharedNode extends AllocatorTest {
    private static final List<Column> COLUMNS = List.of(
            Column.nullable("n", ColumnType.BIGINT), Column.nullable("name", ColumnType.VARCHAR));

    /** Rows n = count-1 .. 0 sorted ascending (a sort: the input holds its rows, like a real shared subtree). */
    private static SortNode sorted(int count) {
        List<List<Object>> rows = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--) {
            rows.add(row((long) i, i % 7 == 0 ? null : "name-" + i));
        }
        ValuesNode input = values(COLUMNS, rows);
        return new SortNode(input, List.of(SortKey.ascending(0)));
    }

    @Test
    void everyReaderGetsAllRowsFromOneComputation() {
        SortNode input = sorted(70_000);
        SetOperationNode union = new SetOperationNode(
                List.of(new SharedNode(1, input), new SharedNode(1, input), new SharedNode(1, input)),
                SetOperation.UNION, true, COLUMNS);
        List<List<Object>> rows = run(allocator, union);
        assertThat(rows).hasSize(3 * 70_000);
        assertThat(rows.subList(0, 3)).containsExactly(row(0L, null), row(1L, "name-1"), row(2L, "name-2"));
        assertThat(rows.subList(70_000, 70_003)).isEqualTo(rows.subList(0, 3));

        QueryProfile profile = new QueryExecutor(allocator).analyze(union, QueryTesting.MEMORY_LIMIT);
        assertThat(profile.operator(input).rows()).isEqualTo(70_000);
        assertThat(profile.operator(union).rows()).isEqualTo(3 * 70_000);
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void aJoinOfASharedInputWithItselfAndAnEmptyOne() {
        SortNode input = sorted(1_000);
        JoinNode join = new JoinNode(new SharedNode(1, input), new SharedNode(1, input), JoinType.INNER,
                List.of(0), List.of(0), Optional.empty(), false);
        assertThat(run(allocator, join)).hasSize(1_000).contains(row(999L, "name-999", 999L, "name-999"));
        SortNode empty = sorted(0);
        JoinNode emptyJoin = new JoinNode(new SharedNode(2, empty), new SharedNode(2, empty), JoinType.INNER,
                List.of(0), List.of(0), Optional.empty(), false);
        assertThat(run(allocator, emptyJoin)).isEmpty();
    }

    @Test
    void thePlanShowsTheSharedInputOnce() {
        SortNode input = sorted(3);
        SetOperationNode union = new SetOperationNode(List.of(new SharedNode(1, input), new SharedNode(1, input)),
                SetOperation.UNION, true, COLUMNS);
        assertThat(PlanPrinter.lines(union)).containsExactly(
                "SetOperation[UNION ALL]",
                "  Shared[id=1]",
                "    Sort[n ASC NULLS LAST]",
                "      Values[rows=3, columns=[n, name]]",
                "  Shared[id=1] (computed once, above)");
    }

    @Test
    void closingBeforeOrWhileReadingFreesEverything() {
        SortNode input = sorted(200_000);
        SetOperationNode union = new SetOperationNode(List.of(new SharedNode(1, input), new SharedNode(1, input)),
                SetOperation.UNION, true, COLUMNS);
        new QueryExecutor(allocator).execute(union, QueryTesting.MEMORY_LIMIT).close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        ResultStream stream = new QueryExecutor(allocator).execute(union, QueryTesting.MEMORY_LIMIT);
        try (VectorSchemaRoot first = stream.next()) {
            assertThat(first.getRowCount()).isEqualTo(65_536);
        }
        stream.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void theKeptRowsCountAgainstTheQueryMemoryLimit() {
        SortNode input = sorted(200_000);
        SetOperationNode union = new SetOperationNode(List.of(new SharedNode(1, input), new SharedNode(1, input)),
                SetOperation.UNION, true, COLUMNS);
        assertThatThrownBy(() -> run(allocator, union, 4L * 1024 * 1024))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE));
        assertThat(allocator.getAllocatedMemory()).isZero();
    }
}
