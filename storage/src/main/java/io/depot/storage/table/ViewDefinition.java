package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A stored view: its name in the case it was created with, the SELECT it stands for, and the
 * column names given in {@code CREATE VIEW v (a, b) AS ...} (empty when none were given).
 */
public record ViewDefinition(String name, String sql, List<String> columnNames) {
    public ViewDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(sql, "sql is null");
        columnNames = columnNames == null ? List.of() : List.copyOf(columnNames);
    }
}
