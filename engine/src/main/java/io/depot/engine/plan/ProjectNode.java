package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Expression;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;

/** Computes one output column per expression over its input's columns. */
public record ProjectNode(PlanNode input, List<Expression> expressions, List<String> names) implements PlanNode {
    public ProjectNode {
        requireNonNull(input, "input is null");
        expressions = List.copyOf(requireNonNull(expressions, "expressions is null"));
        names = List.copyOf(requireNonNull(names, "names is null"));
        if (expressions.size() != names.size()) {
            throw new IllegalArgumentException("expressions and names differ in size");
        }
    }

    @Override
    public List<Column> columns() {
        List<Column> columns = new ArrayList<>(expressions.size());
        for (int i = 0; i < expressions.size(); i++) {
            Expression expression = expressions.get(i);
            columns.add(new Column(names.get(i), expression.type(), expression.nullable()));
        }
        return columns;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
