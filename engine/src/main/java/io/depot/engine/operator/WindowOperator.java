package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.memory.HeapReservation;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.WindowCall;
import io.depot.engine.plan.WindowFrame;
import io.depot.engine.sort.IndexSorter;
import io.depot.engine.sort.RowComparator;
import io.depot.engine.sort.SortKeyComparators;
import io.depot.engine.window.WindowEvaluator;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * Window functions over one window: reads the whole input, sorts it by the partition keys and
 * then the order keys, computes every call over the sorted rows, and emits the input columns
 * plus one column per call in that sorted order. Its memory counts against the query's budget.
 */
public final class WindowOperator implements Operator {
    private final Operator input;
    private final List<Integer> partitionKeys;
    private final List<SortKey> orderKeys;
    private final WindowFrame frame;
    private final List<WindowCall> calls;
    private final List<Column> columns;
    private final QueryMemory memory;
    private final HeapReservation reservation;
    private GatheredOutput output;
    private boolean finished;

    public WindowOperator(Operator input, List<Integer> partitionKeys, List<SortKey> orderKeys, WindowFrame frame,
            List<WindowCall> calls, List<Column> columns, QueryMemory memory) {
        this.input = requireNonNull(input, "input is null");
        this.partitionKeys = List.copyOf(partitionKeys);
        this.orderKeys = List.copyOf(orderKeys);
        this.frame = requireNonNull(frame, "frame is null");
        this.calls = List.copyOf(calls);
        this.columns = List.copyOf(columns);
        this.memory = requireNonNull(memory, "memory is null");
        this.reservation = new HeapReservation(memory);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Batch next() {
        if (finished) {
            return null;
        }
        if (output == null) {
            compute();
        }
        Batch batch = output.next(memory.allocator());
        if (batch == null) {
            finished = true;
            release();
        }
        return batch;
    }

    private void compute() {
        // Beyond the rows: the sort's index arrays and the partition, peer and frame bounds.
        BufferedInput buffered = BufferedInput.read(input, reservation, 40);
        int rowCount = buffered.rowCount();
        List<ColumnData> unsorted = buffered.columns();
        List<RowComparator> comparators = new ArrayList<>();
        for (int key : partitionKeys) {
            comparators.add(SortKeyComparators.forKey(unsorted.get(key), false, false));
        }
        for (SortKey key : orderKeys) {
            comparators.add(SortKeyComparators.forKey(unsorted.get(key.column()), key.descending(), key.nullsFirst()));
        }
        List<ColumnData> sorted = new ArrayList<>(unsorted.size());
        if (comparators.isEmpty()) {
            sorted.addAll(unsorted);
        } else {
            int[] order = IndexSorter.sortedIndexes(rowCount, SortKeyComparators.lexicographic(comparators));
            for (ColumnData data : unsorted) {
                sorted.add(data.gather(order, rowCount));
            }
        }
        List<ColumnType> types = input.columns().stream().map(Column::type).toList();
        WindowEvaluator evaluator = new WindowEvaluator(sorted, types, rowCount, partitionKeys, orderKeys, frame);
        List<ColumnData> results = new ArrayList<>(sorted);
        for (WindowCall call : calls) {
            ColumnData result = evaluator.evaluate(call);
            reservation.grow(result.estimatedBytes());
            results.add(result);
        }
        output = new GatheredOutput(columns, results, null, rowCount);
    }

    private void release() {
        output = new GatheredOutput(columns, List.of(), new int[0], 0);
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
