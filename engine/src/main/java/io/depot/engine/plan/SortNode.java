package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Column;
import java.util.List;

/** Orders its input by the keys, first key first. The sort is stable. */
public record SortNode(PlanNode input, List<SortKey> keys) implements PlanNode {
    public SortNode {
        requireNonNull(input, "input is null");
        keys = List.copyOf(requireNonNull(keys, "keys is null"));
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
