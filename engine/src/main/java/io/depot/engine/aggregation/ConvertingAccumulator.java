package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import java.util.function.UnaryOperator;

/**
 * Runs an accumulator for 64-bit values on another representation converted batch by batch
 * (BOOLEAN as 0/1, DOUBLE as order-preserving longs), so MIN and MAX need one implementation.
 */
final class ConvertingAccumulator implements Accumulator {
    private final Accumulator delegate;
    private final UnaryOperator<ColumnData> toDelegate;
    private final UnaryOperator<ColumnData> fromDelegate;

    ConvertingAccumulator(Accumulator delegate, UnaryOperator<ColumnData> toDelegate,
            UnaryOperator<ColumnData> fromDelegate) {
        this.delegate = delegate;
        this.toDelegate = toDelegate;
        this.fromDelegate = fromDelegate;
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        delegate.add(groupIds, groupCount, toDelegate.apply(input), size);
    }

    @Override
    public void merge(Accumulator other, int[] groupMapping, int groupCount) {
        delegate.merge(((ConvertingAccumulator) other).delegate, groupMapping, groupCount);
    }

    @Override
    public void ensureCapacity(int groupCount) {
        delegate.ensureCapacity(groupCount);
    }

    @Override
    public ColumnData result(int from, int count) {
        return fromDelegate.apply(delegate.result(from, count));
    }

    @Override
    public long estimatedBytes() {
        return delegate.estimatedBytes();
    }
}
