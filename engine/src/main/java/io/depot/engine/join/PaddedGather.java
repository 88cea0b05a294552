package io.depot.engine.join;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.storage.type.ColumnType;

/**
 * Gathers one side's column for join output rows in which that side may be missing: row index
 * -1 stands for the missing row and comes out NULL (the padding of outer joins).
 */
public final class PaddedGather {
    private PaddedGather() {}

    /**
     * Rows {@code rows[0..count)} of {@code source}, NULL where the index is -1.
     *
     * @param source the side's column, or null when the side has no rows to offer
     */
    public static ColumnData gather(ColumnType type, ColumnData source, int[] rows, int count) {
        boolean anyMissing = false;
        for (int i = 0; i < count; i++) {
            anyMissing |= rows[i] < 0;
        }
        if (!anyMissing) {
            return source.gather(rows, count);
        }
        if (source == null || source.size() == 0) {
            // Nothing to gather from, so every row is a missing one.
            return ColumnData.allNull(type, count);
        }
        int[] existingRows = new int[count];
        boolean[] nulls = new boolean[count];
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            existingRows[i] = Math.max(row, 0);
            nulls[i] = row < 0 || source.isNull(row);
        }
        return withNulls(source.gather(existingRows, count), nulls);
    }

    private static ColumnData withNulls(ColumnData data, boolean[] nulls) {
        if (data instanceof LongData longs) {
            return new LongData(longs.values(), nulls, longs.size());
        }
        if (data instanceof StringData strings) {
            return new StringData(strings.offsets(), strings.bytes(), nulls, strings.size());
        }
        if (data instanceof DoubleData doubles) {
            return new DoubleData(doubles.values(), nulls, doubles.size());
        }
        BooleanData booleans = (BooleanData) data;
        return new BooleanData(booleans.values(), nulls, booleans.size());
    }
}
