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
final class BatchSink implements RowSink, AutoCloseable {
    /** Rows per batch: the executor's batch size, so segment blocks fill exactly. */
    static final int BATCH_ROWS = 65_536;

    /** Takes each full batch; it must copy or transfer the rows before returning. */
    private final Consumer<VectorSchemaRoot> output;
    /** The batches' schema, partition column included. */
    private final TableSchema schema;
    private final TableSchema columns;
    private final VectorSchemaRoot batch;
    private final FieldVector[] vectors;
    private final PartitionColumn partition;
    private final long maxErrors;
    private final RejectsFile rejects;
    private final BufferAllocator allocator;
    private final LoadProgress progress;
    private int row;
    private long rows;
    private long rejected;

    /**
     * @param partition the constant partition column, or null; the batch of the writer's schema
     *     is allocated here and owned by this sink
     */
    BatchSink(TableWriter writer, BufferAllocator allocator, PartitionColumn partition, long maxErrors, RejectsFile rejects) {
        this(writer, allocator, partition, maxErrors, rejects, LoadProgress.NONE);
    }

    /** As above, with a listener for the bytes of input the source reads. */
    BatchSink(TableWriter writer, BufferAllocator allocator, PartitionColumn partition, long maxErrors, RejectsFile rejects,
            LoadProgress progress) {
        this(requireNonNull(writer, "writer is null").schema(), writer::append, allocator, partition, maxErrors, rejects,
                progress);
    }

    /** A sink whose batches of {@code schema} go to {@code output} instead of a table writer. */
    BatchSink(TableSchema schema, Consumer<VectorSchemaRoot> output, BufferAllocator allocator,
            PartitionColumn partition, long maxErrors, RejectsFile rejects) {
        this(schema, output, allocator, partition, maxErrors, rejects, LoadProgress.NONE);
    }

    private BatchSink(TableSchema schema, Consumer<VectorSchemaRoot> output, BufferAllocator allocator,
            PartitionColumn partition, long maxErrors, RejectsFile rejects, LoadProgress progress) {
        this.schema = requireNonNull(schema, "schema is null");
        this.output = requireNonNull(output, "output is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.partition = partition;
        this.maxErrors = maxErrors;
        this.rejects = requireNonNull(rejects, "rejects is null");
        this.batch = ArrowTypes.createRoot(schema, allocator);
        int[] loadedIndexes = loadedIndexes(schema, partition);
        List<Column> loaded = new ArrayList<>(loadedIndexes.length);
        this.vectors = new FieldVector[loadedIndexes.length];
        for (int i = 0; i < loadedIndexes.length; i++) {
            loaded.add(schema.column(loadedIndexes[i]));
            vectors[i] = batch.getVector(loadedIndexes[i]);
        }
        this.columns = new TableSchema(loaded);
        startBatch();
    }

    /** Indexes in the writer's schema of the columns a source fills: all but the partition column. */
    static int[] loadedIndexes(TableSchema schema, PartitionColumn partition) {
        int[] indexes = new int[schema.size() - (partition == null ? 0 : 1)];
        int next = 0;
        for (int i = 0; i < schema.size(); i++) {
            if (partition == null || i != partition.index()) {
                indexes[next++] = i;
            }
        }
        return indexes;
    }

    /** The columns a source fills: the table's, without the partition column. */
    @Override
    public TableSchema columns() {
        return columns;
    }

    /** The vector of column {@code index} of {@link #columns()}; write row {@link #row()} of it. */
    @Override
    public FieldVector vector(int index) {
        return vectors[index];
    }

    /** The row of the vectors the source writes now. */
    @Override
    public int row() {
        return row;
    }

    /** Keeps the row just written; sends the batch to the writer when it is full. */
    @Override
    public void endRow() {
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
    @Override
    public void reject(RejectedRow rejectedRow) {
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

    /**
     * Takes the output of a chunk converted on another thread, in file order: its batches go to
     * the writer and its rejected rows count against the load's one error budget, as if this
     * sink had read them. The chunk's batches stay owned by the chunk.
     */
    void take(ChunkSink chunk) {
        if (row > 0) {
            flush(); // rows of an earlier file read row by row go first
            startBatch();
        }
        for (RejectedRow rejectedRow : chunk.rejectedRows()) {
            reject(rejectedRow);
        }
        for (VectorSchemaRoot chunkBatch : chunk.batches()) {
            output.accept(chunkBatch);
            rows += chunkBatch.getRowCount();
        }
    }

    /** The table writer's schema, partition column included: the batches a {@link ChunkSink} builds. */
    TableSchema writerSchema() {
        return schema;
    }

    PartitionColumn partition() {
        return partition;
    }

    /** The load's allocator, for batches built on worker threads. */
    BufferAllocator allocator() {
        return allocator;
    }

    /** Hears the bytes of input read. */
    LoadProgress progress() {
        return progress;
    }

    long maxErrors() {
        return maxErrors;
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
