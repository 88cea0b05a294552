package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes window functions that share one window: rows are partitioned by
 * {@code partitionKeys} (NULL equal to NULL), ordered within a partition by {@code orderKeys},
 * and each call sees its partition (and, for aggregates and FIRST/LAST_VALUE, {@code frame}).
 * Output: every input column, then one column per call; output order is not defined.
 */
public record WindowNode(PlanNode input, List<Integer> partitionKeys, List<SortKey> orderKeys, WindowFrame frame,
        List<WindowCall> calls) implements PlanNode {
    public WindowNode {
        requireNonNull(input, "input is null");
        partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
        orderKeys = List.copyOf(requireNonNull(orderKeys, "orderKeys is null"));
        requireNonNull(frame, "frame is null");
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
    }

    @Override
    public List<Column> columns() {
        List<Column> columns = new ArrayList<>(input.columns());
        for (WindowCall call : calls) {
            columns.add(new Column(call.name(), call.type(), call.nullable()));
        }
        return columns;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
