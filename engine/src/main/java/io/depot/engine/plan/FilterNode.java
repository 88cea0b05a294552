package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Expression;
import io.depot.storage.type.Column;
import java.util.List;

/** Keeps the rows of its input for which {@code condition} (BOOLEAN) is TRUE. */
public record FilterNode(PlanNode input, Expression condition) implements PlanNode {
    public FilterNode {
        requireNonNull(input, "input is null");
        requireNonNull(condition, "condition is null");
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
