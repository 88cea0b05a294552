package io.depot.engine.batch;

import java.util.List;

/** BOOLEAN values. */
public record BooleanData(boolean[] values, boolean[] nulls, int size) implements ColumnData {
    @Override
    public BooleanData gather(int[] rows, int count) {
        boolean[] result = new boolean[count];
        for (int i = 0; i < count; i++) {
            result[i] = values[rows[i]];
        }
        return new BooleanData(result, ColumnData.gatherNulls(nulls, rows, count), count);
    }

    /** Whether row {@code row} is TRUE (not FALSE and not NULL). */
    public boolean isTrue(int row) {
        return values[row] && (nulls == null || !nulls[row]);
    }

    /** The same rows as 0 (FALSE) and 1 (TRUE), so BOOLEAN can share the 64-bit code paths. */
    public LongData toLongData() {
        long[] result = new long[size];
        for (int i = 0; i < size; i++) {
            result[i] = values[i] ? 1 : 0;
        }
        return new LongData(result, nulls, size);
    }

    /** The inverse of {@link #toLongData()}: non-zero is TRUE. */
    public static BooleanData fromLongData(LongData data) {
        boolean[] result = new boolean[data.size()];
        long[] values = data.values();
        for (int i = 0; i < result.length; i++) {
            result[i] = values[i] != 0;
        }
        return new BooleanData(result, data.nulls(), data.size());
    }

    static BooleanData concat(List<ColumnData> pieces) {
        int total = ColumnData.totalSize(pieces);
        boolean[] result = new boolean[total];
        int offset = 0;
        for (ColumnData piece : pieces) {
            System.arraycopy(((BooleanData) piece).values, 0, result, offset, piece.size());
            offset += piece.size();
        }
        return new BooleanData(result, ColumnData.concatNulls(pieces, total), total);
    }
}
