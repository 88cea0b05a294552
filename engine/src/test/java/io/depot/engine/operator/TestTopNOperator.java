package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.plan.LimitNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.SetOperation;
import io.depot.engine.plan.SetOperationNode;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.SortNode;
import io.depot.engine.plan.TopNNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestTopNOperator extends AllocatorTest {
    private static final List<Column> COLUMNS = List.of(
            Column.nullable("k", ColumnType.INTEGER), Column.nullable("s", ColumnType.VARCHAR),
            Column.nullable("id", ColumnType.BIGINT));

    /** Many batches (a UNION ALL of VALUES) with ties and NULLs: the same rows as a stable sort and a limit. */
    @Test
    void sameRowsAsSortThenLimit() {
        Random random = new Random(5);
        List<PlanNode> batches = new ArrayList<>();
        long id = 0;
        for (int b = 0; b < 6; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 800 + random.nextInt(1_200); i++) {
                rows.add(row(random.nextInt(10) == 0 ? null : random.nextInt(50),
                        random.nextInt(8) == 0 ? null : "s" + random.nextInt(20), id++));
            }
            batches.add(values(COLUMNS, rows));
        }
        PlanNode input = new SetOperationNode(batches, SetOperation.UNION, true, COLUMNS);
        for (List<SortKey> keys : List.of(
                List.of(SortKey.ascending(0)),
                List.of(new SortKey(1, true, true), SortKey.ascending(0)),
                List.of(new SortKey(0, false, true)))) {
            for (int count : new int[] {0, 1, 7, 100, 3_000, 20_000}) {
                List<List<Object>> expected = run(allocator, new LimitNode(new SortNode(input, keys), 0, count));
                assertThat(run(allocator, new TopNNode(input, keys, count))).as("%s top %d", keys, count)
                        .containsExactlyElementsOf(expected);
            }
        }
    }
}
