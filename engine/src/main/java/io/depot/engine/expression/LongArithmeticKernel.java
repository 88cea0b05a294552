package io.depot.engine.expression;

import io.depot.engine.batch.LongData;

/**
 * ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO and NEGATE on INTEGER or BIGINT. Overflow of the
 * result type is a user error; DIVIDE truncates toward zero and MODULO takes the dividend's sign,
 * as in PostgreSQL. NULL rows are skipped so their unspecified values cannot raise errors.
 */
final class LongArithmeticKernel implements Kernel {
    private final Function function;
    private final Kernel left;
    private final Kernel right;
    private final boolean integerResult;

    /** @param right null for NEGATE */
    LongArithmeticKernel(Function function, Kernel left, Kernel right, boolean integerResult) {
        this.function = function;
        this.left = left;
        this.right = right;
        this.integerResult = integerResult;
    }

    @Override
    public LongData evaluate(EvaluationContext context) {
        try {
            return checkRange(compute(context));
        } catch (ArithmeticException e) {
            throw NumericErrors.overflow();
        }
    }

    private LongData compute(EvaluationContext context) {
        LongData leftData = (LongData) left.evaluate(context);
        if (function == Function.NEGATE) {
            return negate(leftData);
        }
        LongData rightData = (LongData) right.evaluate(context);
        int size = context.size();
        boolean[] nulls = Nulls.union(leftData.nulls(), rightData.nulls(), size);
        long[] a = leftData.values();
        long[] b = rightData.values();
        long[] result = new long[size];
        switch (function) {
            case ADD -> {
                for (int i = 0; i < size; i++) {
                    if (!Nulls.isNull(nulls, i)) {
                        result[i] = Math.addExact(a[i], b[i]);
                    }
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < size; i++) {
                    if (!Nulls.isNull(nulls, i)) {
                        result[i] = Math.subtractExact(a[i], b[i]);
                    }
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < size; i++) {
                    if (!Nulls.isNull(nulls, i)) {
                        result[i] = Math.multiplyExact(a[i], b[i]);
                    }
                }
            }
            case DIVIDE -> {
                for (int i = 0; i < size; i++) {
                    if (!Nulls.isNull(nulls, i)) {
                        if (b[i] == 0) {
                            throw NumericErrors.divisionByZero();
                        }
                        if (a[i] == Long.MIN_VALUE && b[i] == -1) {
                            throw NumericErrors.overflow();
                        }
                        result[i] = a[i] / b[i];
                    }
                }
            }
            case MODULO -> {
                for (int i = 0; i < size; i++) {
                    if (!Nulls.isNull(nulls, i)) {
                        if (b[i] == 0) {
                            throw NumericErrors.divisionByZero();
                        }
                        result[i] = b[i] == -1 ? 0 : a[i] % b[i];
                    }
                }
            }
            default -> throw new IllegalStateException("not arithmetic: " + function);
        }
        return new LongData(result, nulls, size);
    }

    private static LongData negate(LongData input) {
        int size = input.size();
        long[] a = input.values();
        boolean[] nulls = input.nulls();
        long[] result = new long[size];
        for (int i = 0; i < size; i++) {
            if (!Nulls.isNull(nulls, i)) {
                result[i] = Math.negateExact(a[i]);
            }
        }
        return new LongData(result, nulls, size);
    }

    private LongData checkRange(LongData data) {
        if (integerResult) {
            long[] values = data.values();
            for (int i = 0; i < data.size(); i++) {
                if (values[i] != (int) values[i] && !data.isNull(i)) {
                    throw NumericErrors.overflow();
                }
            }
        }
        return data;
    }
}
