package io.depot.storage.ingest;

import io.depot.storage.type.TableSchema;

/** Where a load's rows come from: files of one format, or a query. Read by {@link LoadRun}. */
interface RowSource {
    /** What the load history shows as the source, e.g. the file names or the JDBC URL. */
    String description();

    /**
     * The columns (names and types) a new table gets from this source, partition column excluded:
     * declared, or inferred from the whole input.
     */
    TableSchema schemaForNewTable();

    /** {@link #schemaForNewTable()}, telling {@code progress} about a pass over the input it makes. */
    default TableSchema schemaForNewTable(LoadProgress progress) {
        return schemaForNewTable();
    }

    /** Types the user declared, checked against an existing table; null when none. */
    TableSchema declaredSchema();

    /** Writes every row into the sink, matching its columns by name. */
    void readInto(BatchSink sink);

    /** Input size in bytes; complete after {@link #readInto}. */
    long bytes();
}
