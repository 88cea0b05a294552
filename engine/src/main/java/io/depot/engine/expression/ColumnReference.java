package io.depot.engine.expression;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.ColumnType;

/** The value of input column {@code index}. */
public record ColumnReference(int index, ColumnType type, boolean nullable) implements Expression {
    public ColumnReference {
        requireNonNull(type, "type is null");
        if (index < 0) {
            throw new IllegalArgumentException("index is negative: " + index);
        }
    }
}
