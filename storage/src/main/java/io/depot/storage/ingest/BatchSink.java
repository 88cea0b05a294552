package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Where a {@link RowSource} puts rows: it writes the values of row {@link #row()} straight into
 * the Arrow vectors of {@link #columns()}, then calls {@link #endRow()} (or {@link #reject} to
 * drop the row). Full batches of {@link #BATCH_ROWS} go to the table writer. The partition
 * column, when there is one, is filled here and is not among {@link #columns()}.
 */
final class BatchSink implements AutoCloseable {
    /** Rows per batch: the executor's batch size, so segment blocks fill exactly. */
    static final int BATCH_ROWS = 65_536;

    /** Takes each full batch; it must copy or transfer the rows before returning. */
    private final Consumer<VectorSchemaRoot> output;
    private final TableSchema columns;
    private final VectorSchemaRoot batch;
    private final FieldVector[] vectors;
    private final PartitionColumn partition;
    private final long maxErrors;
    private final RejectsFile rejects;
    private int row;
    private long rows;
    private long rejected;

    /**
     * @param partition the constant partition column, or null; the batch of the writer's schema
     *     is allocated here and owned by this sink
     */
    BatchSink(TableWriter writer, BufferAllocator allocator, PartitionColumn partition, long maxErrors, RejectsFile rejects) {
        this(requireNonNull(writer, "writer is null").schema(), writer::append, allocator, partition, maxErrors, rejects);
    }

    /** A sink whose batches of {@code schema} go to {@code output} instead of a table writer. */
    BatchSink(TableSchema schema, Consumer<VectorSchemaRoot> output, BufferAllocator allocator,
            PartitionColumn partition, long maxErrors, RejectsFile rejects) {
        this.output = requireNonNull(output, "output is null");
        this.partition = partition;
        this.maxErrors = maxErrors;
        this.rejects = requireNonNull(rejects, "rejects is null");
        this.batch = ArrowTypes.createRoot(schema, allocator);
        List<Column> loaded = new ArrayList<>(schema.size());
        List<FieldVector> loadedVectors = new ArrayList<>(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            if (partition == null || i != partition.index()) {
                loaded.add(schema.column(i));
                loadedVectors.add(batch.getVector(i));
            }
        }
        this.columns = new TableSchema(loaded);
        this.vectors = loadedVectors.toArray(FieldVector[]::new);
        startBatch();
    }

    /** The columns a source fills: the table's, without the partition column. */
    TableSchema columns() {
        return columns;
    }

    /** The vector of column {@code index} of {@link #columns()}; write row {@link #row()} of it. */
    FieldVector vector(int index) {
        return vectors[index];
    }

    /** The row of the vectors the source writes now. */
    int row() {
        return row;
    }

    /** Keeps the row just written; sends the batch to the writer when it is full. */
    void endRow() {
        if (partition != null) {
            partition.fill(batch.getVector(partition.index()), row);
        }
        row++;
        rows++;
        if (row == BATCH_ROWS) {
            flush();
            startBatch();
        }
    }

    /** Rows that still fit in the current batch, for sources that copy whole column ranges. */
    int capacityLeft() {
        return BATCH_ROWS - row;
    }

    /** Keeps the {@code count} rows written at {@link #row()} and after; {@code count <= capacityLeft()}. */
    void endRows(int count) {
        if (count > capacityLeft()) {
            throw new IllegalArgumentException("count " + count + " exceeds the batch's room " + capacityLeft());
        }
        if (partition != null) {
            FieldVector vector = batch.getVector(partition.index());
            for (int i = 0; i < count; i++) {
                partition.fill(vector, row + i);
            }
        }
        row += count;
        rows += count;
        if (row == BATCH_ROWS) {
            flush();
            startBatch();
        }
    }

    /**
     * Drops the row being written. Within the error budget the row goes to the rejects file and
     * the source carries on with the next row; beyond it this throws and the load fails whole.
     */
    void reject(RejectedRow rejectedRow) {
        rejected++;
        if (maxErrors == 0) {
            throw new DepotException(ErrorCode.USER, rejectedRow.message());
        }
        rejects.write(rejectedRow);
        if (rejected > maxErrors) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "More than %d rows rejected (the error budget, --max-errors); the last: %s. Rejected rows are in %s",
                    maxErrors, rejectedRow.message(), rejects.path()));
        }
    }

    long rowsLoaded() {
        return rows;
    }

    long rowsRejected() {
        return rejected;
    }

    /** Sends the last, partly filled batch. */
    void finish() {
        if (row > 0) {
            flush();
            row = 0;
        }
    }

    private void flush() {
        batch.setRowCount(row);
        output.accept(batch);
        row = 0;
    }

    private void startBatch() {
        for (FieldVector vector : batch.getFieldVectors()) {
            vector.setInitialCapacity(BATCH_ROWS);
        }
        batch.allocateNew();
    }

    @Override
    public void close() {
        batch.close();
    }
}
