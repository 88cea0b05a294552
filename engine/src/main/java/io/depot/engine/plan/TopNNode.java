package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Column;
import java.util.List;

/**
 * The first {@code count} rows of its input in the keys' order, as a stable sort followed by a
 * limit would give them, without sorting the whole input (ORDER BY ... LIMIT n).
 */
public record TopNNode(PlanNode input, List<SortKey> keys, int count) implements PlanNode {
    public TopNNode {
        requireNonNull(input, "input is null");
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("TopN needs sort keys");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count is negative: " + count);
        }
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
