package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One block of a segment: its row count and one entry per column, in schema order. */
record BlockInfo(int rowCount, List<ColumnBlockInfo> columns) {
    BlockInfo {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }
}
