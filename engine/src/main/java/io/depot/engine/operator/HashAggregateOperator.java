package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchBuilder;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.plan.AggregateCall;
import io.depot.storage.type.Column;
import java.util.List;

/**
 * Groups its whole input by the key columns in a hash table and computes the aggregate calls per
 * group (a {@link GroupedAggregation}), then emits the groups in order of first appearance.
 * Without keys there is exactly one group, even over empty input. Its state counts against the
 * query's memory budget. The parallel form, one partial aggregation per worker merged at the end,
 * is {@code io.depot.engine.exec.ParallelAggregateOperator}.
 */
public final class HashAggregateOperator implements Operator {
    private final Operator input;
    private final List<Column> columns;
    private final QueryMemory memory;
    private final GroupedAggregation aggregation;
    private boolean inputDone;
    private int nextGroup;
    private boolean finished;

    public HashAggregateOperator(Operator input, List<Integer> groupKeys, List<AggregateCall> calls,
            List<Column> columns, QueryMemory memory) {
        this.input = requireNonNull(input, "input is null");
        this.columns = List.copyOf(columns);
        this.memory = requireNonNull(memory, "memory is null");
        this.aggregation = new GroupedAggregation(input.columns(), groupKeys, calls, memory);
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
        int count = Math.min(Batch.MAX_ROWS, aggregation.groupCount() - nextGroup);
        if (count == 0) {
            finished = true;
            return null;
        }
        Batch batch = BatchBuilder.build(columns, aggregation.output(nextGroup, count), count, memory.allocator());
        nextGroup += count;
        return batch;
    }

    private void consumeInput() {
        while (true) {
            try (Batch batch = input.next()) {
                if (batch == null) {
                    return;
                }
                aggregation.add(batch);
            }
        }
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        try (input) {
            aggregation.close();
        }
    }
}
