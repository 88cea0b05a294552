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
