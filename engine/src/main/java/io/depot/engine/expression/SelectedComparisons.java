package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;

/**
 * Comparisons of whole columns (and constants) at selected rows only: result {@code j} is the
 * comparison at row {@code rows[j]}. AND and OR use them on the rows still open instead of
 * gathering a copy of each column for those rows first. The orders are {@link ComparisonKernel}'s.
 */
final class SelectedComparisons {
    private SelectedComparisons() {}

    /** {@code values[rows[j]] <op> constant}: dates, integers and decimals against a constant. */
    static boolean[] longsToConstant(Function function, long[] values, long constant, int[] rows, int count) {
        boolean[] result = new boolean[count];
        switch (function) {
            case EQUAL -> {
                for (int j = 0; j < count; j++) {
                    result[j] = values[rows[j]] == constant;
                }
            }
            case NOT_EQUAL -> {
                for (int j = 0; j < count; j++) {
                    result[j] = values[rows[j]] != constant;
                }
            }
            case LESS_THAN -> {
                for (int j = 0; j < count; j++) {
                    result[j] = values[rows[j]] < constant;
                }
            }
            case LESS_THAN_OR_EQUAL -> {
                for (int j = 0; j < count; j++) {
                    result[j] = values[rows[j]] <= constant;
                }
            }
            case GREATER_THAN -> {
                for (int j = 0; j < count; j++) {
                    result[j] = values[rows[j]] > constant;
                }
            }
            case GREATER_THAN_OR_EQUAL -> {
                for (int j = 0; j < count; j++) {
                    result[j] = values[rows[j]] >= constant;
                }
            }
            default -> throw notAComparison(function);
        }
        return result;
    }

    /** {@code left[rows[j]] <op> right[rows[j]]}: column against column (l_commitdate < l_receiptdate). */
    static boolean[] longsToLongs(Function function, long[] left, long[] right, int[] rows, int count) {
        boolean[] result = new boolean[count];
        switch (function) {
            case EQUAL -> {
                for (int j = 0; j < count; j++) {
                    result[j] = left[rows[j]] == right[rows[j]];
                }
            }
            case NOT_EQUAL -> {
                for (int j = 0; j < count; j++) {
                    result[j] = left[rows[j]] != right[rows[j]];
                }
            }
            case LESS_THAN -> {
                for (int j = 0; j < count; j++) {
                    result[j] = left[rows[j]] < right[rows[j]];
                }
            }
            case LESS_THAN_OR_EQUAL -> {
                for (int j = 0; j < count; j++) {
                    result[j] = left[rows[j]] <= right[rows[j]];
                }
            }
            case GREATER_THAN -> {
                for (int j = 0; j < count; j++) {
                    result[j] = left[rows[j]] > right[rows[j]];
                }
            }
            case GREATER_THAN_OR_EQUAL -> {
                for (int j = 0; j < count; j++) {
                    result[j] = left[rows[j]] >= right[rows[j]];
                }
            }
            default -> throw notAComparison(function);
        }
        return result;
    }

    /** Strings (or wide-decimal keys) at the rows against a constant's bytes. */
    static boolean[] stringsToConstant(Function function, StringData strings, ConstantBytes constant, int[] rows,
            int count) {
        boolean[] result = new boolean[count];
        byte[] bytes = strings.bytes();
        int[] offsets = strings.offsets();
        if (function == Function.EQUAL || function == Function.NOT_EQUAL) {
            boolean equal = function == Function.EQUAL;
            for (int j = 0; j < count; j++) {
                int row = rows[j];
                result[j] = constant.equalsRange(bytes, offsets[row], offsets[row + 1]) == equal;
            }
            return result;
        }
        byte[] constantBytes = constant.bytes();
        for (int j = 0; j < count; j++) {
            int row = rows[j];
            result[j] = holds(function, StringData.compareBytes(bytes, offsets[row], offsets[row + 1], constantBytes, 0,
                    constantBytes.length));
        }
        return result;
    }

    /** Doubles at the rows against a constant, in SQL's order of doubles. */
    static boolean[] doublesToConstant(Function function, double[] values, double constant, int[] rows, int count) {
        boolean[] result = new boolean[count];
        for (int j = 0; j < count; j++) {
            result[j] = holds(function, ComparisonKernel.compareDoubles(values[rows[j]], constant));
        }
        return result;
    }

    /** Two columns of one type at the rows, for the types without a loop of their own above. */
    static boolean[] columns(Function function, ColumnData left, ColumnData right, int[] rows, int count) {
        boolean[] result = new boolean[count];
        if (left instanceof LongData leftLongs) {
            return longsToLongs(function, leftLongs.values(), ((LongData) right).values(), rows, count);
        } else if (left instanceof DoubleData leftDoubles) {
            double[] a = leftDoubles.values();
            double[] b = ((DoubleData) right).values();
            for (int j = 0; j < count; j++) {
                result[j] = holds(function, ComparisonKernel.compareDoubles(a[rows[j]], b[rows[j]]));
            }
        } else if (left instanceof BooleanData leftBooleans) {
            boolean[] a = leftBooleans.values();
            boolean[] b = ((BooleanData) right).values();
            for (int j = 0; j < count; j++) {
                result[j] = holds(function, Boolean.compare(a[rows[j]], b[rows[j]]));
            }
        } else {
            StringData a = (StringData) left;
            StringData b = (StringData) right;
            for (int j = 0; j < count; j++) {
                result[j] = holds(function, a.compare(rows[j], b, rows[j]));
            }
        }
        return result;
    }

    /** Whether a comparison's sign satisfies the operator. */
    static boolean holds(Function function, int sign) {
        return switch (function) {
            case EQUAL -> sign == 0;
            case NOT_EQUAL -> sign != 0;
            case LESS_THAN -> sign < 0;
            case LESS_THAN_OR_EQUAL -> sign <= 0;
            case GREATER_THAN -> sign > 0;
            case GREATER_THAN_OR_EQUAL -> sign >= 0;
            default -> throw notAComparison(function);
        };
    }

    static IllegalStateException notAComparison(Function function) {
        return new IllegalStateException("not a comparison: " + function);
    }
}
