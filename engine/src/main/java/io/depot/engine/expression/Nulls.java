package io.depot.engine.expression;

import io.depot.engine.batch.ColumnData;

/** NULL-flag arrays: null means no row is NULL. */
final class Nulls {
    private Nulls() {}

    /** Rows NULL in either input, or null when neither has a NULL. */
    static boolean[] union(boolean[] left, boolean[] right, int size) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        boolean[] result = new boolean[size];
        for (int i = 0; i < size; i++) {
            result[i] = left[i] | right[i];
        }
        return result;
    }

    /** Rows {@code rows[0..count)} NULL in either input (row j of the result is row rows[j]), or null when none is. */
    static boolean[] unionAt(boolean[] left, boolean[] right, int[] rows, int count) {
        if (left == null) {
            return ColumnData.gatherNulls(right, rows, count);
        }
        if (right == null) {
            return ColumnData.gatherNulls(left, rows, count);
        }
        boolean[] result = new boolean[count];
        boolean any = false;
        for (int j = 0; j < count; j++) {
            result[j] = left[rows[j]] | right[rows[j]];
            any |= result[j];
        }
        return any ? result : null;
    }

    static boolean isNull(boolean[] nulls, int row) {
        return nulls != null && nulls[row];
    }
}
