package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import java.util.Arrays;

/** MIN or MAX of DOUBLE, in the order comparisons use (NaN largest). */
final class DoubleExtremeAccumulator implements Accumulator {
    private final boolean maximum;
    private double[] values = new double[0];
    private boolean[] seen = new boolean[0];

    DoubleExtremeAccumulator(boolean maximum) {
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
        double[] inputValues = ((DoubleData) input).values();
        boolean[] nulls = input.nulls();
        for (int i = 0; i < size; i++) {
            if (nulls == null || !nulls[i]) {
                int group = groupIds[i];
                double value = inputValues[i];
                int comparison = Double.compare(value + 0.0, values[group] + 0.0);
                if (!seen[group] || (maximum ? comparison > 0 : comparison < 0)) {
                    values[group] = value;
                    seen[group] = true;
                }
            }
        }
    }

    @Override
    public DoubleData result(int from, int count) {
        boolean[] nulls = new boolean[count];
        for (int i = 0; i < count; i++) {
            nulls[i] = !seen[from + i];
        }
        return new DoubleData(Arrays.copyOfRange(values, from, from + count), nulls, count);
    }

    @Override
    public long estimatedBytes() {
        return 9L * values.length;
    }
}
