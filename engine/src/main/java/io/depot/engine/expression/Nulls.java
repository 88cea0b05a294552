package io.depot.engine.expression;

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

    static boolean isNull(boolean[] nulls, int row) {
        return nulls != null && nulls[row];
    }
}
