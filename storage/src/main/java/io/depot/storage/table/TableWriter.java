package io.depot.storage.table;

import io.depot.storage.type.TableSchema;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One write to one table: append batches, then commit once. Closing without commit aborts and
 * removes whatever was written. Not thread-safe.
 */
public final class TableWriter implements AutoCloseable {
    public TableSchema schema() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Appends the rows of a batch whose vectors match {@link #schema()} (as made by
     * {@code ArrowTypes.createRoot}). The batch stays owned by the caller.
     */
    public void append(VectorSchemaRoot batch) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Makes everything appended visible atomically, as a new table version, and returns it. */
    public long commit() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }
}
