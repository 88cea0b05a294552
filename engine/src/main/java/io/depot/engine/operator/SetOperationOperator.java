package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.aggregation.GroupByHash;
import io.depot.engine.batch.Batch;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.memory.HeapReservation;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.plan.SetOperation;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * UNION, INTERSECT and EXCEPT (with or without ALL, see {@code SetOperationNode}) by hashing:
 * every input row goes into one hash table on all columns, which counts per distinct row how
 * often each input holds it; the counts then decide how many copies of the row to emit. The
 * table and counts count against the query's memory budget.
 */
public final class SetOperationOperator implements Operator {
    private final List<Operator> inputs;
    private final SetOperation operation;
    private final boolean all;
    private final List<Column> columns;
    private final QueryMemory memory;
    private final HeapReservation reservation;
    private final GroupByHash rows;
    private final long[][] counts;
    private GatheredOutput output;
    private boolean finished;

    public SetOperationOperator(List<Operator> inputs, SetOperation operation, boolean all, List<Column> columns,
            QueryMemory memory) {
        this.inputs = List.copyOf(inputs);
        this.operation = requireNonNull(operation, "operation is null");
        this.all = all;
        this.columns = List.copyOf(columns);
        this.memory = requireNonNull(memory, "memory is null");
        this.reservation = new HeapReservation(memory);
        this.rows = new GroupByHash(columns.stream().map(Column::type).toList());
        this.counts = new long[inputs.size()][16];
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
            for (int input = 0; input < inputs.size(); input++) {
                count(input);
            }
            decideOutput();
        }
        Batch batch = output.next(memory.allocator());
        if (batch == null) {
            finished = true;
            release();
        }
        return batch;
    }

    /** Adds every row of input {@code index} to the table and to that input's counts. */
    private void count(int index) {
        Operator input = inputs.get(index);
        while (true) {
            try (Batch batch = input.next()) {
                if (batch == null) {
                    break;
                }
                EvaluationContext context = EvaluationContext.of(batch);
                List<ColumnData> values = new ArrayList<>(columns.size());
                for (int c = 0; c < columns.size(); c++) {
                    ColumnType type = columns.get(c).type();
                    values.add(context.column(c, type));
                }
                int[] ids = rows.groupIds(values, batch.rowCount());
                ensureCapacity(rows.groupCount());
                long[] inputCounts = counts[index];
                for (int id : ids) {
                    inputCounts[id]++;
                }
                reservation.resize(rows.estimatedBytes() + 8L * counts.length * counts[0].length);
            }
        }
        input.close();
    }

    private void ensureCapacity(int groupCount) {
        if (groupCount > counts[0].length) {
            int capacity = Math.max(groupCount, counts[0].length * 2);
            for (int i = 0; i < counts.length; i++) {
                counts[i] = Arrays.copyOf(counts[i], capacity);
            }
        }
    }

    /** The distinct rows to emit, each repeated as often as the operation says. */
    private void decideOutput() {
        int groupCount = rows.groupCount();
        long total = 0;
        long[] copies = new long[groupCount];
        for (int group = 0; group < groupCount; group++) {
            copies[group] = all ? copies(group) : (isInDistinctResult(group) ? 1 : 0);
            total += copies[group];
        }
        int[] order = new int[Math.toIntExact(total)];
        reservation.grow(4L * order.length);
        int position = 0;
        for (int group = 0; group < groupCount; group++) {
            for (long copy = 0; copy < copies[group]; copy++) {
                order[position++] = group;
            }
        }
        output = new GatheredOutput(columns, rows.keys(0, groupCount), order, order.length);
    }

    /** Whether a row is in the result without ALL. */
    private boolean isInDistinctResult(int group) {
        boolean inFirst = counts[0][group] > 0;
        for (int input = 1; input < counts.length; input++) {
            boolean inThis = counts[input][group] > 0;
            switch (operation) {
                case UNION -> inFirst |= inThis;
                case INTERSECT -> inFirst &= inThis;
                case EXCEPT -> inFirst &= !inThis;
            }
        }
        return inFirst;
    }

    /** How often a row occurs in the ALL result, from its count in every input. */
    private long copies(int group) {
        long first = counts[0][group];
        long result = first;
        for (int input = 1; input < counts.length; input++) {
            long count = counts[input][group];
            result = switch (operation) {
                case UNION -> result + count;
                case INTERSECT -> Math.min(result, count);
                case EXCEPT -> result - count;
            };
        }
        return Math.max(0, result);
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
        inputs.forEach(Operator::close);
    }
}
