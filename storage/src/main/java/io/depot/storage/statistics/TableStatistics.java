package io.depot.storage.statistics;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the planner knows about a table version without reading it.
 *
 * @param rowCount rows in the table
 * @param columns one entry per column, in schema order
 */
public record TableStatistics(long rowCount, List<ColumnStatistics> columns) {
    public TableStatistics {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    public ColumnStatistics column(int index) {
        return columns.get(index);
    }
}
