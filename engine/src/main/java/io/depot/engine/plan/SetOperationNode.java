package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Column;
import java.util.List;

/**
 * UNION, INTERSECT or EXCEPT of two or more inputs whose columns have the same types (the front
 * end casts). Rows compare as in GROUP BY: NULL equals NULL.
 *
 * <p>Without ALL the output has each distinct row once, where UNION keeps rows of any input,
 * INTERSECT rows present in every input, EXCEPT rows of the first input present in no other.
 * With ALL a row appearing {@code c0, c1, ...} times in the inputs appears {@code c0 + c1 + ...}
 * (UNION), {@code min(c0, c1, ...)} (INTERSECT) or {@code max(0, c0 - c1 - ...)} (EXCEPT) times.
 * Output order is not defined.
 *
 * @param columns the output columns (names of the first input, nullable where any input is)
 */
public record SetOperationNode(List<PlanNode> inputs, SetOperation operation, boolean all, List<Column> columns)
        implements PlanNode {
    public SetOperationNode {
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        requireNonNull(operation, "operation is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (inputs.size() < 2) {
            throw new IllegalArgumentException(operation + " needs at least two inputs");
        }
        for (PlanNode input : inputs) {
            List<Column> inputColumns = input.columns();
            if (inputColumns.size() != columns.size()) {
                throw new IllegalArgumentException(operation + " input has " + inputColumns.size()
                        + " columns for " + columns.size());
            }
            for (int i = 0; i < columns.size(); i++) {
                if (!inputColumns.get(i).type().equals(columns.get(i).type())) {
                    throw new IllegalArgumentException(operation + " input column " + i + " is "
                            + inputColumns.get(i).type() + ", not " + columns.get(i).type());
                }
            }
        }
    }
}
