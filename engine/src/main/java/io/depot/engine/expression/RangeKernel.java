package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.storage.type.ColumnType;

/**
 * {@code low <= x AND x <= high} for a column of 64-bit values (dates, integers, decimals,
 * timestamps) and constant bounds, in one pass: what the compiler makes of a BETWEEN or of two
 * comparisons bounding one column in an AND ({@code l_shipdate >= '1994-01-01' AND l_shipdate <
 * '1995-01-01'}). NULL where x is, like the two comparisons' AND.
 */
final class RangeKernel implements Kernel {
    private final int column;
    private final ColumnType type;
    /** Inclusive bounds; low > high matches nothing. */
    private final long low;
    private final long high;

    RangeKernel(int column, ColumnType type, long low, long high) {
        this.column = column;
        this.type = type;
        this.low = low;
        this.high = high;
    }

    @Override
    public BooleanData evaluate(EvaluationContext context) {
        LongData data = (LongData) context.column(column, type);
        int size = context.size();
        long[] values = data.values();
        boolean[] result = new boolean[size];
        for (int i = 0; i < size; i++) {
            long value = values[i];
            result[i] = value >= low & value <= high;
        }
        return new BooleanData(result, data.nulls(), size);
    }

    @Override
    public BooleanData evaluateAt(EvaluationContext context, int[] rows, int count) {
        if (count == context.size()) {
            return evaluate(context);
        }
        if (context.loadsRows(column, count)) {
            // the column is read at these rows only, not loaded whole
            return evaluate(context.select(rows, count));
        }
        LongData data = (LongData) context.column(column, type);
        long[] values = data.values();
        boolean[] result = new boolean[count];
        for (int j = 0; j < count; j++) {
            long value = values[rows[j]];
            result[j] = value >= low & value <= high;
        }
        return new BooleanData(result, ColumnData.gatherNulls(data.nulls(), rows, count), count);
    }

    @Override
    public int selectTrue(EvaluationContext context, int[] rows, int count, int[] out) {
        if (rows == null || count == context.size()) {
            return selectIn((LongData) context.column(column, type), null, count, out);
        }
        if (context.loadsRows(column, count)) {
            // the column is read at these rows only, not loaded whole: value j is row rows[j]
            LongData data = (LongData) context.select(rows, count).column(column, type);
            long[] values = data.values();
            boolean[] nulls = data.nulls();
            int selected = 0;
            for (int j = 0; j < count; j++) {
                long value = values[j];
                out[selected] = rows[j];
                selected += value >= low & value <= high & (nulls == null || !nulls[j]) ? 1 : 0;
            }
            return selected;
        }
        return selectIn((LongData) context.column(column, type), rows, count, out);
    }

    /** The rows {@code rows[0..count)} (null: {@code 0..count)}) of a whole column inside the range. */
    private int selectIn(LongData data, int[] rows, int count, int[] out) {
        long[] values = data.values();
        boolean[] nulls = data.nulls();
        int selected = 0;
        // no branch per row: the row is written either way and kept only when inside
        if (rows == null) {
            for (int i = 0; i < count; i++) {
                long value = values[i];
                out[selected] = i;
                selected += value >= low & value <= high & (nulls == null || !nulls[i]) ? 1 : 0;
            }
        } else {
            for (int j = 0; j < count; j++) {
                int row = rows[j];
                long value = values[row];
                out[selected] = row;
                selected += value >= low & value <= high & (nulls == null || !nulls[row]) ? 1 : 0;
            }
        }
        return selected;
    }
}
