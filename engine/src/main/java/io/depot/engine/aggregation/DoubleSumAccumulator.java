package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import java.util.Arrays;

/** SUM or AVG of DOUBLE input. */
final class DoubleSumAccumulator implements Accumulator {
    private final boolean averaging;
    private double[] sums = new double[0];
    private long[] counts = new long[0];

    DoubleSumAccumulator(boolean averaging) {
        this.averaging = averaging;
    }

    @Override
    public void ensureCapacity(int groupCount) {
        if (groupCount > sums.length) {
            int capacity = Accumulator.grownCapacity(sums.length, groupCount);
            sums = Arrays.copyOf(sums, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        ensureCapacity(groupCount);
        double[] values = ((DoubleData) input).values();
        boolean[] nulls = input.nulls();
        for (int i = 0; i < size; i++) {
            if (nulls == null || !nulls[i]) {
                int group = groupIds[i];
                sums[group] += values[i];
                counts[group]++;
            }
        }
    }

    @Override
    public void merge(Accumulator other, int[] groupMapping, int groupCount) {
        ensureCapacity(groupCount);
        DoubleSumAccumulator partial = (DoubleSumAccumulator) other;
        for (int group = 0; group < groupMapping.length; group++) {
            int target = groupMapping[group];
            if (target >= 0) {
                sums[target] += partial.sums[group];
                counts[target] += partial.counts[group];
            }
        }
    }

    @Override
    public DoubleData result(int from, int count) {
        boolean[] nulls = new boolean[count];
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            long rows = counts[from + i];
            nulls[i] = rows == 0;
            values[i] = averaging && rows > 0 ? sums[from + i] / rows : sums[from + i];
        }
        return new DoubleData(values, nulls, count);
    }

    @Override
    public long estimatedBytes() {
        return 16L * sums.length;
    }
}
