package io.depot.engine.batch;

import java.util.List;

/** 64-bit values: INTEGER, BIGINT, DECIMAL (unscaled), DATE (epoch days), TIMESTAMP (micros). */
public record LongData(long[] values, boolean[] nulls, int size) implements ColumnData {
    @Override
    public LongData gather(int[] rows, int count) {
        long[] result = new long[count];
        for (int i = 0; i < count; i++) {
            result[i] = values[rows[i]];
        }
        return new LongData(result, ColumnData.gatherNulls(nulls, rows, count), count);
    }

    static LongData concat(List<ColumnData> pieces) {
        int total = ColumnData.totalSize(pieces);
        long[] result = new long[total];
        int offset = 0;
        for (ColumnData piece : pieces) {
            System.arraycopy(((LongData) piece).values, 0, result, offset, piece.size());
            offset += piece.size();
        }
        return new LongData(result, ColumnData.concatNulls(pieces, total), total);
    }
}
