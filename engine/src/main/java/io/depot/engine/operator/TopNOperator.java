package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.memory.HeapReservation;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.plan.SortKey;
import io.depot.engine.sort.IndexSorter;
import io.depot.engine.sort.RowComparator;
import io.depot.engine.sort.SortKeyComparators;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * ORDER BY ... LIMIT n without sorting the whole input: holds the best {@code n} rows so far
 * (in order) plus the rows read since, and whenever those exceed a buffer of a few times
 * {@code n} rows, sorts them (stable, earlier rows first among equals) and keeps the first
 * {@code n}. Memory stays proportional to {@code n}, time to input size times log of the buffer.
 */
public final class TopNOperator implements Operator {
    private static final int MIN_BUFFER_ROWS = 4_096;

    private final Operator input;
    private final List<SortKey> keys;
    private final int count;
    private final int bufferRows;
    private final QueryMemory memory;
    private final HeapReservation reservation;
    private final List<List<ColumnData>> pending = new ArrayList<>();
    private List<ColumnData> best;
    private int bestRows;
    private int pendingRows;
    private GatheredOutput output;
    private boolean finished;

    public TopNOperator(Operator input, List<SortKey> keys, int count, QueryMemory memory) {
        this.input = requireNonNull(input, "input is null");
        this.keys = List.copyOf(keys);
        this.count = count;
        this.bufferRows = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(MIN_BUFFER_ROWS, 3L * count));
        this.memory = requireNonNull(memory, "memory is null");
        this.reservation = new HeapReservation(memory);
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public Batch next() {
        if (finished) {
            return null;
        }
        if (output == null) {
            readInput();
            output = new GatheredOutput(columns(), best, null, bestRows);
        }
        Batch batch = output.next(memory.allocator());
        if (batch == null) {
            finished = true;
            release();
        }
        return batch;
    }

    private void readInput() {
        List<Column> columns = input.columns();
        while (count > 0) {
            try (Batch batch = input.next()) {
                if (batch == null) {
                    break;
                }
                List<ColumnData> data = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    data.add(batch.columnData(i, columns.get(i).type()));
                }
                pending.add(data);
                pendingRows += batch.rowCount();
                if (bestRows + pendingRows > bufferRows) {
                    keepBest();
                }
                reservation.resize(heldBytes());
            }
        }
        keepBest();
        input.close();
    }

    /** Sorts the held rows (best first, so earlier rows win ties) and keeps the first {@code count}. */
    private void keepBest() {
        if (pending.isEmpty()) {
            if (best == null) {
                best = emptyColumns();
            }
            return;
        }
        List<Column> columns = input.columns();
        List<ColumnData> all = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            List<ColumnData> pieces = new ArrayList<>();
            if (best != null) {
                pieces.add(best.get(c));
            }
            for (List<ColumnData> batch : pending) {
                pieces.add(batch.get(c));
            }
            all.add(ColumnData.concat(columns.get(c).type(), pieces));
        }
        int rows = bestRows + pendingRows;
        pending.clear();
        pendingRows = 0;
        List<RowComparator> comparators = new ArrayList<>(keys.size());
        for (SortKey key : keys) {
            comparators.add(SortKeyComparators.forKey(all.get(key.column()), key.descending(), key.nullsFirst()));
        }
        int[] order = IndexSorter.sortedIndexes(rows, SortKeyComparators.lexicographic(comparators));
        bestRows = Math.min(count, rows);
        best = new ArrayList<>(all.size());
        for (ColumnData data : all) {
            best.add(data.gather(order, bestRows));
        }
    }

    private List<ColumnData> emptyColumns() {
        List<ColumnData> empty = new ArrayList<>();
        for (Column column : input.columns()) {
            empty.add(ColumnData.allNull(column.type(), 0));
        }
        return empty;
    }

    private long heldBytes() {
        long bytes = 0;
        if (best != null) {
            for (ColumnData data : best) {
                bytes += data.estimatedBytes();
            }
        }
        for (List<ColumnData> batch : pending) {
            for (ColumnData data : batch) {
                bytes += data.estimatedBytes();
            }
        }
        // The next compaction's concatenation and index arrays.
        return 2 * bytes + 8L * (bestRows + pendingRows);
    }

    private void release() {
        best = null;
        output = new GatheredOutput(columns(), List.of(), new int[0], 0);
        pending.clear();
        reservation.close();
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        release();
        input.close();
    }
}
