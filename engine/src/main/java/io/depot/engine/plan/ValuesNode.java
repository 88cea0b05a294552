package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Literal;
import io.depot.storage.type.Column;
import java.util.List;

/** Constant rows, e.g. for {@code SELECT 1} or {@code VALUES (1, 'a')}. */
public record ValuesNode(List<Column> columns, List<List<Literal>> rows) implements PlanNode {
    public ValuesNode {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        rows = rows.stream().map(List::copyOf).toList();
        for (List<Literal> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " values for " + columns.size() + " columns");
            }
        }
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
