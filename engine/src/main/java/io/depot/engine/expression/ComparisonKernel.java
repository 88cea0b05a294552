package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;

/**
 * EQUAL, NOT_EQUAL, LESS_THAN(_OR_EQUAL), GREATER_THAN(_OR_EQUAL) on two arguments of one type
 * (the front end's typing rule; DECIMALs share a scale, so unscaled values compare directly).
 * VARCHAR compares by unsigned UTF-8 bytes, i.e. code point order; DOUBLE orders NaN above
 * everything and equal to itself, and -0.0 equal to 0.0, as PostgreSQL does.
 */
final class ComparisonKernel implements Kernel {
    private final Function function;
    private final Kernel left;
    private final Kernel right;

    ComparisonKernel(Function function, Kernel left, Kernel right) {
        this.function = function;
        this.left = left;
        this.right = right;
    }

    Function function() {
        return function;
    }

    Kernel left() {
        return left;
    }

    Kernel right() {
        return right;
    }

    @Override
    public BooleanData evaluate(EvaluationContext context) {
        ColumnData leftData = left.evaluate(context);
        int size = context.size();
        if (right instanceof LiteralKernel constant && !constant.isNull()) {
            // The common filter shape, column <op> constant, in one pass without materializing the constant.
            if (leftData instanceof LongData longs) {
                return new BooleanData(compareToConstant(longs.values(), constant.longValue(), size), leftData.nulls(), size);
            }
            if (leftData instanceof StringData strings) {
                return new BooleanData(compareToConstant(strings, constant.constantBytes(), size), leftData.nulls(), size);
            }
        }
        ColumnData rightData = right.evaluate(context);
        if (leftData instanceof LongData leftLongs && rightData instanceof LongData rightLongs) {
            // column <op> column on dates, integers and decimals (l_commitdate < l_receiptdate)
            return new BooleanData(compareLongs(leftLongs.values(), rightLongs.values(), size),
                    Nulls.union(leftData.nulls(), rightData.nulls(), size), size);
        }
        int[] comparisons = compare(leftData, rightData, size);
        boolean[] result = new boolean[size];
        switch (function) {
            case EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = comparisons[i] == 0;
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = comparisons[i] != 0;
                }
            }
            case LESS_THAN -> {
                for (int i = 0; i < size; i++) {
                    result[i] = comparisons[i] < 0;
                }
            }
            case LESS_THAN_OR_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = comparisons[i] <= 0;
                }
            }
            case GREATER_THAN -> {
                for (int i = 0; i < size; i++) {
                    result[i] = comparisons[i] > 0;
                }
            }
            case GREATER_THAN_OR_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = comparisons[i] >= 0;
                }
            }
            default -> throw new IllegalStateException("not a comparison: " + function);
        }
        return new BooleanData(result, Nulls.union(leftData.nulls(), rightData.nulls(), size), size);
    }

    /**
     * Column against a constant or another column reads the context's columns at the rows (no
     * gathered copies); other arguments (arithmetic, casts), and columns the context would read at
     * these rows only ({@link EvaluationContext#loadsRows}), are evaluated over the rows' subset.
     */
    @Override
    public BooleanData evaluateAt(EvaluationContext context, int[] rows, int count) {
        if (count == context.size()) {
            return evaluate(context);
        }
        if (left instanceof ColumnKernel leftColumn && !context.loadsRows(leftColumn.index(), count)) {
            if (right instanceof LiteralKernel constant && !constant.isNull()) {
                ColumnData leftData = left.evaluate(context);
                boolean[] nulls = ColumnData.gatherNulls(leftData.nulls(), rows, count);
                if (leftData instanceof LongData longs) {
                    return new BooleanData(SelectedComparisons.longsToConstant(function, longs.values(),
                            constant.longValue(), rows, count), nulls, count);
                }
                if (leftData instanceof StringData strings) {
                    return new BooleanData(SelectedComparisons.stringsToConstant(function, strings, constant.constantBytes(),
                            rows, count), nulls, count);
                }
                if (leftData instanceof DoubleData doubles) {
                    return new BooleanData(SelectedComparisons.doublesToConstant(function, doubles.values(),
                            constant.doubleValue(), rows, count), nulls, count);
                }
            } else if (right instanceof ColumnKernel rightColumn && !context.loadsRows(rightColumn.index(), count)) {
                ColumnData leftData = left.evaluate(context);
                ColumnData rightData = right.evaluate(context);
                return new BooleanData(SelectedComparisons.columns(function, leftData, rightData, rows, count),
                        Nulls.unionAt(leftData.nulls(), rightData.nulls(), rows, count), count);
            }
        }
        return (BooleanData) Kernel.super.evaluateAt(context, rows, count);
    }

    private boolean[] compareToConstant(long[] values, long constant, int size) {
        boolean[] result = new boolean[size];
        switch (function) {
            case EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = values[i] == constant;
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = values[i] != constant;
                }
            }
            case LESS_THAN -> {
                for (int i = 0; i < size; i++) {
                    result[i] = values[i] < constant;
                }
            }
            case LESS_THAN_OR_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = values[i] <= constant;
                }
            }
            case GREATER_THAN -> {
                for (int i = 0; i < size; i++) {
                    result[i] = values[i] > constant;
                }
            }
            case GREATER_THAN_OR_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = values[i] >= constant;
                }
            }
            default -> throw new IllegalStateException("not a comparison: " + function);
        }
        return result;
    }

    private boolean[] compareLongs(long[] left, long[] right, int size) {
        boolean[] result = new boolean[size];
        switch (function) {
            case EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = left[i] == right[i];
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = left[i] != right[i];
                }
            }
            case LESS_THAN -> {
                for (int i = 0; i < size; i++) {
                    result[i] = left[i] < right[i];
                }
            }
            case LESS_THAN_OR_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = left[i] <= right[i];
                }
            }
            case GREATER_THAN -> {
                for (int i = 0; i < size; i++) {
                    result[i] = left[i] > right[i];
                }
            }
            case GREATER_THAN_OR_EQUAL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = left[i] >= right[i];
                }
            }
            default -> throw new IllegalStateException("not a comparison: " + function);
        }
        return result;
    }

    /**
     * Strings (or wide-decimal keys) against a constant's bytes: equality tests the length before
     * any byte ({@link ConstantBytes}), the order comparisons compare by unsigned bytes; values at
     * NULL rows are ignored.
     */
    private boolean[] compareToConstant(StringData strings, ConstantBytes constantBytes, int size) {
        boolean[] result = new boolean[size];
        byte[] bytes = strings.bytes();
        int[] offsets = strings.offsets();
        if (function == Function.EQUAL || function == Function.NOT_EQUAL) {
            boolean equal = function == Function.EQUAL;
            for (int i = 0; i < size; i++) {
                result[i] = constantBytes.equalsRange(bytes, offsets[i], offsets[i + 1]) == equal;
            }
            return result;
        }
        byte[] constant = constantBytes.bytes();
        for (int i = 0; i < size; i++) {
            int comparison = StringData.compareBytes(bytes, offsets[i], offsets[i + 1], constant, 0, constant.length);
            result[i] = switch (function) {
                case LESS_THAN -> comparison < 0;
                case LESS_THAN_OR_EQUAL -> comparison <= 0;
                case GREATER_THAN -> comparison > 0;
                case GREATER_THAN_OR_EQUAL -> comparison >= 0;
                default -> throw new IllegalStateException("not a comparison: " + function);
            };
        }
        return result;
    }

    /** The sign of left[i] compared with right[i] for every row (any value at NULL rows). */
    static int[] compare(ColumnData left, ColumnData right, int size) {
        int[] result = new int[size];
        if (left instanceof LongData leftLongs) {
            long[] a = leftLongs.values();
            long[] b = ((LongData) right).values();
            for (int i = 0; i < size; i++) {
                result[i] = Long.compare(a[i], b[i]);
            }
        } else if (left instanceof DoubleData leftDoubles) {
            double[] a = leftDoubles.values();
            double[] b = ((DoubleData) right).values();
            for (int i = 0; i < size; i++) {
                result[i] = compareDoubles(a[i], b[i]);
            }
        } else if (left instanceof BooleanData leftBooleans) {
            boolean[] a = leftBooleans.values();
            boolean[] b = ((BooleanData) right).values();
            for (int i = 0; i < size; i++) {
                result[i] = Boolean.compare(a[i], b[i]);
            }
        } else {
            StringData a = (StringData) left;
            StringData b = (StringData) right;
            for (int i = 0; i < size; i++) {
                result[i] = a.compare(i, b, i);
            }
        }
        return result;
    }

    /** SQL order of doubles: -0.0 equals 0.0 (adding 0.0 turns -0.0 into 0.0), NaN is largest. */
    static int compareDoubles(double a, double b) {
        return Double.compare(a + 0.0, b + 0.0);
    }
}
