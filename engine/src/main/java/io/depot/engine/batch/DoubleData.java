package io.depot.engine.batch;

import java.util.List;

/** DOUBLE values. */
public record DoubleData(double[] values, boolean[] nulls, int size) implements ColumnData {
    @Override
    public DoubleData gather(int[] rows, int count) {
        double[] result = new double[count];
        for (int i = 0; i < count; i++) {
            result[i] = values[rows[i]];
        }
        return new DoubleData(result, ColumnData.gatherNulls(nulls, rows, count), count);
    }

    /**
     * The same rows as longs that order and compare equal exactly as SQL orders doubles (-0.0
     * as 0.0, every NaN as one value above +Infinity), so DOUBLE can share the 64-bit code paths.
     */
    public LongData toSortableLongData() {
        long[] result = new long[size];
        for (int i = 0; i < size; i++) {
            long bits = Double.doubleToLongBits(values[i] + 0.0);
            // Negative doubles: flip the magnitude bits so larger magnitudes sort lower.
            result[i] = bits ^ ((bits >> 63) & Long.MAX_VALUE);
        }
        return new LongData(result, nulls, size);
    }

    /** The inverse of {@link #toSortableLongData()} (-0.0 comes back as 0.0). */
    public static DoubleData fromSortableLongData(LongData data) {
        double[] result = new double[data.size()];
        long[] values = data.values();
        for (int i = 0; i < result.length; i++) {
            long sortable = values[i];
            result[i] = Double.longBitsToDouble(sortable ^ ((sortable >> 63) & Long.MAX_VALUE));
        }
        return new DoubleData(result, data.nulls(), data.size());
    }

    static DoubleData concat(List<ColumnData> pieces) {
        int total = ColumnData.totalSize(pieces);
        double[] result = new double[total];
        int offset = 0;
        for (ColumnData piece : pieces) {
            System.arraycopy(((DoubleData) piece).values, 0, result, offset, piece.size());
            offset += piece.size();
        }
        return new DoubleData(result, ColumnData.concatNulls(pieces, total), total);
    }
}
