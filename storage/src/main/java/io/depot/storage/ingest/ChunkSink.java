package io.depot.storage.ingest;

import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Collects the rows of one chunk of input, converted on a worker thread, as batches of the table
 * writer's schema (the partition column filled too), and the rows it rejected. The load's thread
 * then hands them to {@link BatchSink#take} in file order. Owns its batches until closed.
 */
final class ChunkSink implements RowSink, AutoCloseable {
    private final TableSchema writerSchema;
    private final TableSchema columns;
    private final int[] loadedIndexes;
    private final PartitionColumn partition;
    private final long maxErrors;
    private final BufferAllocator allocator;
    private final AtomicBoolean cancelled;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    private final List<RejectedRow> rejectedRows = new ArrayList<>();
    private VectorSchemaRoot batch;
    private FieldVector[] vectors;
    private int row;

    /** @param cancelled set when the load fails elsewhere: the conversion stops early */
    ChunkSink(BatchSink loadSink, BufferAllocator allocator, AtomicBoolean cancelled) {
        this.writerSchema = loadSink.writerSchema();
        this.columns = loadSink.columns();
        this.partition = loadSink.partition();
        this.maxErrors = loadSink.maxErrors();
        this.loadedIndexes = BatchSink.loadedIndexes(writerSchema, partition);
        this.allocator = allocator;
        this.cancelled = cancelled;
        startBatch();
    }

    @Override
    public TableSchema columns() {
        return columns;
    }

    @Override
    public FieldVector vector(int index) {
        return vectors[index];
    }

    @Override
    public int row() {
        return row;
    }

    @Override
    public void endRow() {
        if (partition != null) {
            partition.fill(batch.getVector(partition.index()), row);
        }
        row++;
        if (row == BatchSink.BATCH_ROWS) {
            finishBatch();
            startBatch();
        }
        if ((row & 4095) == 0 && cancelled.get()) {
            throw new Cancelled();
        }
    }

    /**
     * Keeps the row for the load's error budget. A chunk that alone rejects more rows than the
     * budget stops here: the load fails when its thread replays these rows.
     */
    @Override
    public void reject(RejectedRow rejectedRow) {
        rejectedRows.add(rejectedRow);
        if (rejectedRows.size() > maxErrors) {
            throw new BudgetExceeded();
        }
    }

    /** Seals the last batch; call once the chunk is read. */
    void finish() {
        finishBatch();
        batch = null;
    }

    List<VectorSchemaRoot> batches() {
        return batches;
    }

    List<RejectedRow> rejectedRows() {
        return rejectedRows;
    }

    private void startBatch() {
        batch = ArrowTypes.createRoot(writerSchema, allocator);
        batches.add(batch);
        for (FieldVector vector : batch.getFieldVectors()) {
            vector.setInitialCapacity(BatchSink.BATCH_ROWS);
        }
        batch.allocateNew();
        vectors = new FieldVector[loadedIndexes.length];
        for (int i = 0; i < loadedIndexes.length; i++) {
            vectors[i] = batch.getVector(loadedIndexes[i]);
        }
        row = 0;
    }

    private void finishBatch() {
        batch.setRowCount(row);
        if (row == 0) {
            batches.remove(batches.size() - 1);
            batch.close();
        }
    }

    @Override
    public void close() {
        for (VectorSchemaRoot each : batches) {
            each.close();
        }
        batches.clear();
    }

    /** Ends a chunk's conversion once its rejected rows exceed the budget (they are kept). */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("error budget exceeded", null, false, false);
        }
    }

    /** Ends a chunk's conversion because the load already failed. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("load cancelled", null, false, false);
        }
    }
}
