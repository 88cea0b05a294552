package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import java.util.Arrays;

/** DOUBLE group keys: -0.0 groups with 0.0 and all NaNs group together, as equality says. */
final class DoubleGroupKeyColumn implements GroupKeyColumn {
    private static final long NULL_HASH = 0x9e3779b97f4a7c15L;

    private double[] values = new double[16];
    private boolean[] nulls = new boolean[16];
    private int size;

    @Override
    public void hash(ColumnData data, long[] hashes) {
        double[] input = ((DoubleData) data).values();
        boolean[] inputNulls = data.nulls();
        for (int i = 0; i < data.size(); i++) {
            // doubleToLongBits folds every NaN into one; adding 0.0 turns -0.0 into 0.0.
            long hash = inputNulls != null && inputNulls[i]
                    ? NULL_HASH
                    : GroupKeyColumn.mix(Double.doubleToLongBits(input[i] + 0.0));
            hashes[i] = hashes[i] * 31 + hash;
        }
    }

    @Override
    public boolean equalsRow(int group, ColumnData data, int row) {
        boolean rowNull = data.isNull(row);
        if (nulls[group] || rowNull) {
            return nulls[group] == rowNull;
        }
        return Double.compare(values[group] + 0.0, ((DoubleData) data).values()[row] + 0.0) == 0;
    }

    @Override
    public void append(ColumnData data, int row) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            nulls = Arrays.copyOf(nulls, size * 2);
        }
        nulls[size] = data.isNull(row);
        values[size] = ((DoubleData) data).values()[row];
        size++;
    }

    @Override
    public DoubleData slice(int from, int count) {
        boolean[] sliceNulls = Arrays.copyOfRange(nulls, from, from + count);
        return new DoubleData(Arrays.copyOfRange(values, from, from + count), sliceNulls, count);
    }

    @Override
    public long estimatedBytes() {
        return 9L * values.length;
    }
}
