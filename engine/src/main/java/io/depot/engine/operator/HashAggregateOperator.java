package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.aggregation.Accumulator;
import io.depot.engine.aggregation.Accumulators;
import io.depot.engine.aggregation.GroupByHash;
import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchBuilder;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.memory.HeapReservation;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.plan.AggregateCall;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups its whole input by the key columns in a hash table and computes the aggregate calls per
 * group, then emits the groups in order of first appearance. Without keys there is exactly one
 * group, even over empty input. Its state counts against the query's memory budget.
 */
public final class HashAggregateOperator implements Operator {
    private final Operator input;
    private final List<Integer> groupKeys;
    private final List<AggregateCall> calls;
    private final List<Column> columns;
    private final QueryMemory memory;
    private final HeapReservation reservation;
    private final GroupByHash groupByHash;
    private final List<Accumulator> accumulators;
    private final List<ColumnType> argumentTypes;
    private int groupCount;
    private boolean inputDone;
    private int nextGroup;
    private boolean finished;

    public HashAggregateOperator(Operator input, List<Integer> groupKeys, List<AggregateCall> calls,
            List<Column> columns, QueryMemory memory) {
        this.input = requireNonNull(input, "input is null");
        this.groupKeys = List.copyOf(groupKeys);
        this.calls = List.copyOf(calls);
        this.columns = List.copyOf(columns);
        this.memory = requireNonNull(memory, "memory is null");
        this.reservation = new HeapReservation(memory);
        List<Column> inputColumns = input.columns();
        List<ColumnType> keyTypes = new ArrayList<>(groupKeys.size());
        for (int key : groupKeys) {
            keyTypes.add(inputColumns.get(key).type());
        }
        this.groupByHash = new GroupByHash(keyTypes);
        List<Accumulator> created = new ArrayList<>(calls.size());
        List<ColumnType> types = new ArrayList<>(calls.size());
        for (AggregateCall call : calls) {
            ColumnType argumentType = call.argument().isPresent()
                    ? inputColumns.get(call.argument().getAsInt()).type()
                    : null;
            types.add(argumentType);
            created.add(Accumulators.create(call, argumentType));
        }
        this.accumulators = List.copyOf(created);
        this.argumentTypes = types;
        if (groupKeys.isEmpty()) {
            // A global aggregate has its one group before any input arrives.
            groupCount = 1;
            accumulators.forEach(accumulator -> accumulator.ensureCapacity(1));
        }
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
        if (!inputDone) {
            consumeInput();
            inputDone = true;
        }
        int count = Math.min(Batch.MAX_ROWS, groupCount - nextGroup);
        if (count == 0) {
            finished = true;
            return null;
        }
        List<ColumnData> output = new ArrayList<>(columns.size());
        if (!groupKeys.isEmpty()) {
            output.addAll(groupByHash.keys(nextGroup, count));
        }
        for (Accumulator accumulator : accumulators) {
            output.add(accumulator.result(nextGroup, count));
        }
        nextGroup += count;
        return BatchBuilder.build(columns, output, count, memory.allocator());
    }

    private void consumeInput() {
        List<Column> inputColumns = input.columns();
        while (true) {
            try (Batch batch = input.next()) {
                if (batch == null) {
                    return;
                }
                int size = batch.rowCount();
                EvaluationContext context = EvaluationContext.of(batch);
                int[] groupIds;
                if (groupKeys.isEmpty()) {
                    groupIds = new int[size];
                } else {
                    List<ColumnData> keys = new ArrayList<>(groupKeys.size());
                    for (int key : groupKeys) {
                        keys.add(context.column(key, inputColumns.get(key).type()));
                    }
                    groupIds = groupByHash.groupIds(keys, size);
                    groupCount = groupByHash.groupCount();
                }
                for (int i = 0; i < calls.size(); i++) {
                    AggregateCall call = calls.get(i);
                    ColumnData argument = call.argument().isPresent()
                            ? context.column(call.argument().getAsInt(), argumentTypes.get(i))
                            : null;
                    accumulators.get(i).add(groupIds, groupCount, argument, size);
                }
                reservation.resize(estimatedStateBytes());
            }
        }
    }

    private long estimatedStateBytes() {
        long bytes = groupByHash.estimatedBytes();
        for (Accumulator accumulator : accumulators) {
            bytes += accumulator.estimatedBytes();
        }
        return bytes;
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        reservation.close();
        input.close();
    }
}
