package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups its input by {@code groupKeys} (input column indexes) and computes {@code calls} per
 * group. Output: the group key columns, then one column per call. With no group keys the output
 * is exactly one row, also over empty input (COUNT 0, other aggregates NULL).
 */
public record AggregateNode(PlanNode input, List<Integer> groupKeys, List<AggregateCall> calls)
        implements PlanNode {
    public AggregateNode {
        requireNonNull(input, "input is null");
        groupKeys = List.copyOf(requireNonNull(groupKeys, "groupKeys is null"));
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
    }

    @Override
    public List<Column> columns() {
        List<Column> columns = new ArrayList<>(groupKeys.size() + calls.size());
        List<Column> inputColumns = input.columns();
        for (int key : groupKeys) {
            columns.add(inputColumns.get(key));
        }
        for (AggregateCall call : calls) {
            boolean nullable = call.function() != AggregateFunction.COUNT;
            columns.add(new Column(call.name(), call.type(), nullable));
        }
        return columns;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
