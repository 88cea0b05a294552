package io.depot.storage.type;

import static java.util.Objects.requireNonNull;

/** A named, typed column. Names keep the case they were created with; lookups ignore case. */
public record Column(String name, ColumnType type, boolean nullable) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
    }

    public static Column nullable(String name, ColumnType type) {
        return new Column(name, type, true);
    }
}
