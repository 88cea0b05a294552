package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Column;
import java.util.List;

/** Skips {@code offset} rows, then passes at most {@code limit} rows (-1: no limit). */
public record LimitNode(PlanNode input, long offset, long limit) implements PlanNode {
    public static final long NO_LIMIT = -1;

    public LimitNode {
        requireNonNull(input, "input is null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        if (limit < NO_LIMIT) {
            throw new IllegalArgumentException("limit is negative: " + limit);
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
