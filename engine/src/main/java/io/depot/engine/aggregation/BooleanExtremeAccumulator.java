package io.depot.engine.aggregation;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;

/** MIN or MAX of BOOLEAN (FALSE before TRUE), computed on 0/1. */
final class BooleanExtremeAccumulator implements Accumulator {
    private final LongExtremeAccumulator delegate;

    BooleanExtremeAccumulator(boolean maximum) {
        this.delegate = new LongExtremeAccumulator(maximum);
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        delegate.add(groupIds, groupCount, ((BooleanData) input).toLongData(), size);
    }

    @Override
    public void ensureCapacity(int groupCount) {
        delegate.ensureCapacity(groupCount);
    }

    @Override
    public BooleanData result(int from, int count) {
        return BooleanData.fromLongData((LongData) delegate.result(from, count));
    }

    @Override
    public long estimatedBytes() {
        return delegate.estimatedBytes();
    }
}
