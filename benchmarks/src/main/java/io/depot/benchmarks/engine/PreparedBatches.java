package io.depot.benchmarks.engine;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchBuilder;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.engine.operator.Operator;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A source operator over column arrays prepared up front, packed into a new batch per call, so an
 * operator benchmark measures the operator (and packing its input), not a scan.
 */
public final class PreparedBatches implements Operator {
    private final List<Column> columns;
    private final List<List<ColumnData>> batches;
    private final BufferAllocator allocator;
    private int next;

    public PreparedBatches(List<Column> columns, List<List<ColumnData>> batches, BufferAllocator allocator) {
        this.columns = columns;
        this.batches = batches;
        this.allocator = allocator;
    }

    /** Columns of equal length cut into batches of at most {@link Batch#MAX_ROWS} rows. */
    public static List<List<ColumnData>> cut(long[]... columns) {
        List<List<ColumnData>> batches = new ArrayList<>();
        int rows = columns[0].length;
        for (int from = 0; from < rows; from += Batch.MAX_ROWS) {
            int count = Math.min(Batch.MAX_ROWS, rows - from);
            List<ColumnData> batch = new ArrayList<>(columns.length);
            for (long[] values : columns) {
                long[] slice = new long[count];
                System.arraycopy(values, from, slice, 0, count);
                batch.add(new LongData(slice, null, count));
            }
            batches.add(batch);
        }
        return batches;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Batch next() {
        if (isFinished()) {
            return null;
        }
        List<ColumnData> batch = batches.get(next++);
        return BatchBuilder.build(columns, batch, batch.get(0).size(), allocator);
    }

    @Override
    public boolean isFinished() {
        return next >= batches.size();
    }

    @Override
    public void close() {
        next = batches.size();
    }
}
