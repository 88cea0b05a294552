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
 * Orders all input rows by the keys (stable). Reads the whole input into column arrays, sorts
 * row indexes, then gathers the output batches in order. Its memory counts against the query's
 * budget.
 */
public final class SortOperator implements Operator {
    private final Operator input;
    private final List<SortKey> keys;
    private final QueryMemory memory;
    private final HeapReservation reservation;
    private GatheredOutput output;
    private boolean finished;

    public SortOperator(Operator input, List<SortKey> keys, QueryMemory memory) {
        this.input = requireNonNull(input, "input is null");
        this.keys = List.copyOf(keys);
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
            sortInput();
        }
        Batch batch = output.next(memory.allocator());
        if (batch == null) {
            finished = true;
            release();
        }
        return batch;
    }

    private void sortInput() {
        // Beyond the rows, the sort's index arrays.
        BufferedInput buffered = BufferedInput.read(input, reservation, 8);
        List<ColumnData> concatenated = buffered.columns();
        int rowCount = buffered.rowCount();
        List<RowComparator> comparators = new ArrayList<>(keys.size());
        for (SortKey key : keys) {
            comparators.add(SortKeyComparators.forKey(concatenated.get(key.column()), key.descending(), key.nullsFirst()));
        }
        int[] order = IndexSorter.sortedIndexes(rowCount, SortKeyComparators.lexicographic(comparators));
        output = new GatheredOutput(columns(), concatenated, order, rowCount);
    }

    private void release() {
        output = new GatheredOutput(columns(), List.of(), new int[0], 0);
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
