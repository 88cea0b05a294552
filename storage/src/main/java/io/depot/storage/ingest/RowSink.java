package io.depot.storage.ingest;

import io.depot.storage.type.TableSchema;
import org.apache.arrow.vector.FieldVector;

/**
 * Where a source writes rows: the values of row {@link #row()} go straight into the vectors of
 * {@link #columns()}, then {@link #endRow()} keeps the row or {@link #reject} drops it.
 * {@link BatchSink} sends batches to the table writer; {@link ChunkSink} collects one chunk's
 * batches on a worker thread.
 */
interface RowSink {
    /** The columns a source fills: the table's, without the partition column. */
    TableSchema columns();

    /** The vector of column {@code index} of {@link #columns()}; write row {@link #row()} of it. */
    FieldVector vector(int index);

    /** The row of the vectors the source writes now. */
    int row();

    /** Keeps the row just written. */
    void endRow();

    /** Drops the row being written, within the error budget; beyond it this throws. */
    void reject(RejectedRow rejectedRow);
}
