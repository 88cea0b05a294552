package io.depot.storage.segment;

import io.depot.storage.type.TableSchema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Reads one segment file: its footer at open, its blocks on demand. */
public final class SegmentReader implements AutoCloseable {
    public TableSchema schema() {
        throw new UnsupportedOperationException("TODO");
    }

    public long rowCount() {
        throw new UnsupportedOperationException("TODO");
    }

    public int blockCount() {
        throw new UnsupportedOperationException("TODO");
    }

    public int blockRowCount(int block) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Min, max and null count of one column in one block. */
    public ZoneMap zoneMap(int column, int block) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Decodes the given columns of one block into a new root whose fields are those columns in
     * that order. The caller owns and closes the root.
     */
    public VectorSchemaRoot readBlock(int block, int[] columns, BufferAllocator allocator) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }
}
