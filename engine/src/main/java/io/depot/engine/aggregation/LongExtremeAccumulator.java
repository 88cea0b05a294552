package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import java.util.Arrays;

/** MIN or MAX of values held as 64 bits (INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP). */
final class LongExtremeAccumulator implements Accumulator {
    private final boolean maximum;
    private long[] values = new long[0];
    private boolean[] seen = new boolean[0];

    LongExtremeAccumulator(boolean maximum) {
        this.maximum = maximum;
    }

    @Override
    public void ensureCapacity(int groupCount) {
        if (groupCount > values.length) {
            int capacity = Accumulator.grownCapacity(values.length, groupCount);
            values = Arrays.copyOf(values, capacity);
            seen = Arrays.copyOf(seen, capacity);
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        ensureCapacity(groupCount);
        long[] inputValues = ((LongData) input).values();
        boolean[] nulls = input.nulls();
        for (int i = 0; i < size; i++) {
            if (nulls == null || !nulls[i]) {
                int group = groupIds[i];
                long value = inputValues[i];
                if (!seen[group] || (maximum ? value > values[group] : value < values[group])) {
                    values[group] = value;
                    seen[group] = true;
                }
            }
        }
    }

    @Override
    public void merge(Accumulator other, int[] groupMapping, int groupCount) {
        ensureCapacity(groupCount);
        LongExtremeAccumulator partial = (LongExtremeAccumulator) other;
        for (int group = 0; group < groupMapping.length; group++) {
            int target = groupMapping[group];
            if (target >= 0 && partial.seen[group]) {
                long value = partial.values[group];
                if (!seen[target] || (maximum ? value > values[target] : value < values[target])) {
                    values[target] = value;
                    seen[target] = true;
                }
            }
        }
    }

    @Override
    public LongData result(int from, int count) {
        boolean[] nulls = new boolean[count];
        for (int i = 0; i < count; i++) {
            nulls[i] = !seen[from + i];
        }
        return new LongData(Arrays.copyOfRange(values, from, from + count), nulls, count);
    }

    @Override
    public long estimatedBytes() {
        return 9L * values.length;
    }
}
