package io.depot.engine.operator;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchBuilder;
import io.depot.engine.batch.ColumnData;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The output of an operator that holds its result in memory (sort, top-N, window, set
 * operations): rows of the held columns in a given order, handed out as batches of at most
 * {@link Batch#MAX_ROWS} rows.
 */
final class GatheredOutput {
    private final List<Column> columns;
    private final List<ColumnData> data;
    private final int[] order;
    private final int rowCount;
    private int nextRow;

    /** @param order the held rows to emit, in emit order; null for all rows in their order */
    GatheredOutput(List<Column> columns, List<ColumnData> data, int[] order, int rowCount) {
        this.columns = List.copyOf(columns);
        this.data = List.copyOf(data);
        this.order = order;
        this.rowCount = order == null ? rowCount : order.length;
    }

    /** The next batch, or null when every row has been emitted. */
    Batch next(BufferAllocator allocator) {
        int count = Math.min(Batch.MAX_ROWS, rowCount - nextRow);
        if (count == 0) {
            return null;
        }
        int[] rows;
        if (order == null) {
            rows = new int[count];
            Arrays.setAll(rows, i -> nextRow + i);
        } else {
            rows = Arrays.copyOfRange(order, nextRow, nextRow + count);
        }
        nextRow += count;
        List<ColumnData> output = new ArrayList<>(data.size());
        for (ColumnData column : data) {
            output.add(column.gather(rows, count));
        }
        return BatchBuilder.build(columns, output, count, allocator);
    }
}
