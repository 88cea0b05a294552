package io.depot.storage.table;

import io.depot.storage.segment.SegmentReader;
import io.depot.storage.type.TableSchema;
import java.util.List;

/** One committed version of a table: its schema and its live segments. Immutable. */
public final class Snapshot {
    public String tableName() {
        throw new UnsupportedOperationException("TODO");
    }

    public long version() {
        throw new UnsupportedOperationException("TODO");
    }

    public TableSchema schema() {
        throw new UnsupportedOperationException("TODO");
    }

    public long rowCount() {
        throw new UnsupportedOperationException("TODO");
    }

    public int segmentCount() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Opens segment {@code index} (0..segmentCount-1) of this snapshot; the caller closes it. */
    public SegmentReader openSegment(int index) {
        throw new UnsupportedOperationException("TODO");
    }
}
