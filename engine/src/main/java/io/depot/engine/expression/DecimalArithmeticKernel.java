package io.depot.engine.expression;

import io.depot.engine.batch.LongData;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Arithmetic on DECIMAL, whose arguments may differ in scale (the front end's typing rule) and
 * whose result scale is the call's: ADD/SUBTRACT rescale both sides to the result scale;
 * MULTIPLY takes the exact product and rescales it; DIVIDE and MODULO round half-up to the result
 * scale. Overflowing 64 bits is a user error.
 */
final class DecimalArithmeticKernel implements Kernel {
    private final Function function;
    private final Kernel left;
    private final Kernel right;
    private final int leftScale;
    private final int rightScale;
    private final int resultScale;

    /** @param right null for NEGATE */
    DecimalArithmeticKernel(Function function, Kernel left, Kernel right, int leftScale, int rightScale,
            int resultScale) {
        this.function = function;
        this.left = left;
        this.right = right;
        this.leftScale = leftScale;
        this.rightScale = rightScale;
        this.resultScale = resultScale;
    }

    @Override
    public LongData evaluate(EvaluationContext context) {
        int size = context.size();
        LongData constantResult = evaluateWithConstant(context, size);
        if (constantResult != null) {
            return constantResult;
        }
        LongData leftData = (LongData) left.evaluate(context);
        long[] a = leftData.values();
        long[] result = new long[size];
        if (function == Function.NEGATE) {
            boolean[] nulls = leftData.nulls();
            for (int i = 0; i < size; i++) {
                if (!Nulls.isNull(nulls, i)) {
                    result[i] = Math.negateExact(Decimals.rescale(a[i], leftScale, resultScale));
                }
            }
            return new LongData(result, nulls, size);
        }
        LongData rightData = (LongData) right.evaluate(context);
        boolean[] nulls = Nulls.union(leftData.nulls(), rightData.nulls(), size);
        long[] b = rightData.values();
        try {
            if (nulls == null && evaluateWithoutNulls(a, b, result, size)) {
                return new LongData(result, null, size);
            }
            switch (function) {
                case ADD -> {
                    for (int i = 0; i < size; i++) {
                        if (!Nulls.isNull(nulls, i)) {
                            result[i] = Math.addExact(Decimals.rescale(a[i], leftScale, resultScale),
                                    Decimals.rescale(b[i], rightScale, resultScale));
                        }
                    }
                }
                case SUBTRACT -> {
                    for (int i = 0; i < size; i++) {
                        if (!Nulls.isNull(nulls, i)) {
                            result[i] = Math.subtractExact(Decimals.rescale(a[i], leftScale, resultScale),
                                    Decimals.rescale(b[i], rightScale, resultScale));
                        }
                    }
                }
                case MULTIPLY -> {
                    for (int i = 0; i < size; i++) {
                        if (!Nulls.isNull(nulls, i)) {
                            result[i] = multiply(a[i], b[i]);
                        }
                    }
                }
                case DIVIDE -> {
                    for (int i = 0; i < size; i++) {
                        if (!Nulls.isNull(nulls, i)) {
                            result[i] = divide(a[i], b[i]);
                        }
                    }
                }
                case MODULO -> {
                    for (int i = 0; i < size; i++) {
                        if (!Nulls.isNull(nulls, i)) {
                            result[i] = modulo(a[i], b[i]);
                        }
                    }
                }
                default -> throw new IllegalStateException("not arithmetic: " + function);
            }
        } catch (ArithmeticException e) {
            throw NumericErrors.overflow();
        }
        return new LongData(result, nulls, size);
    }

    /**
     * {@code 1 - l_discount} and the like: one side a non-NULL constant, the other without NULLs,
     * computed against the constant itself rather than a column of copies of it (which cost an
     * array per batch). Null when the call is not of that form, or not one of the cases
     * {@link #evaluateWithoutNulls} covers.
     */
    private LongData evaluateWithConstant(EvaluationContext context, int size) {
        if (function == Function.NEGATE || size == 0 || !scalesUpOnly()) {
            return null;
        }
        boolean constantOnLeft = left instanceof LiteralKernel literal && !literal.isNull();
        boolean constantOnRight = !constantOnLeft && right instanceof LiteralKernel literal && !literal.isNull();
        if (!constantOnLeft && !constantOnRight) {
            return null;
        }
        LongData column = (LongData) (constantOnLeft ? right : left).evaluate(context);
        if (column.nulls() != null) {
            return null;
        }
        long constant = ((LiteralKernel) (constantOnLeft ? left : right)).longValue();
        long[] values = column.values();
        long[] result = new long[size];
        try {
            if (function == Function.MULTIPLY) {
                for (int i = 0; i < size; i++) {
                    result[i] = Math.multiplyExact(constant, values[i]);
                }
                return new LongData(result, null, size);
            }
            long scaledConstant = Math.multiplyExact(constant,
                    Decimals.powerOfTen(resultScale - (constantOnLeft ? leftScale : rightScale)));
            long factor = Decimals.powerOfTen(resultScale - (constantOnLeft ? rightScale : leftScale));
            // x - c or c - x: negate the column's side when the constant is subtracted from
            long sign = function == Function.SUBTRACT && constantOnLeft ? -1 : 1;
            long offset = function == Function.SUBTRACT && !constantOnLeft ? Math.negateExact(scaledConstant) : scaledConstant;
            long multiplier = sign * factor;
            if (multiplier == 1) {
                // x + c, x - c: no rescaling of the column's side
                for (int i = 0; i < size; i++) {
                    result[i] = Math.addExact(offset, values[i]);
                }
            } else if (multiplier == -1) {
                // c - x at the column's scale (TPC-H's 1 - l_discount)
                for (int i = 0; i < size; i++) {
                    result[i] = Math.subtractExact(offset, values[i]);
                }
            } else {
                for (int i = 0; i < size; i++) {
                    result[i] = Math.addExact(offset, Math.multiplyExact(values[i], multiplier));
                }
            }
        } catch (ArithmeticException e) {
            throw NumericErrors.overflow();
        }
        return new LongData(result, null, size);
    }

    /**
     * Whether {@link #evaluateWithoutNulls} covers the call: MULTIPLY at the product's own scale,
     * ADD/SUBTRACT whose sides only scale up to the result's.
     */
    private boolean scalesUpOnly() {
        return switch (function) {
            case MULTIPLY -> leftScale + rightScale == resultScale;
            case ADD, SUBTRACT -> leftScale <= resultScale && rightScale <= resultScale
                    && resultScale - Math.min(leftScale, rightScale) <= 18;
            default -> false;
        };
    }

    /**
     * The common cases without NULLs as plain exact-arithmetic loops: MULTIPLY at the product's own
     * scale, ADD/SUBTRACT whose sides only scale up (by a factor fixed for the batch). Returns false
     * for the other cases, which take the general per-row path.
     */
    private boolean evaluateWithoutNulls(long[] a, long[] b, long[] result, int size) {
        if (!scalesUpOnly()) {
            return false;
        }
        switch (function) {
            case MULTIPLY -> {
                for (int i = 0; i < size; i++) {
                    result[i] = Math.multiplyExact(a[i], b[i]);
                }
                return true;
            }
            case ADD, SUBTRACT -> {
                long leftFactor = Decimals.powerOfTen(resultScale - leftScale);
                long rightFactor = Decimals.powerOfTen(resultScale - rightScale);
                boolean subtract = function == Function.SUBTRACT;
                if (leftFactor == 1 && rightFactor == 1) {
                    for (int i = 0; i < size; i++) {
                        result[i] = subtract ? Math.subtractExact(a[i], b[i]) : Math.addExact(a[i], b[i]);
                    }
                    return true;
                }
                for (int i = 0; i < size; i++) {
                    long x = Math.multiplyExact(a[i], leftFactor);
                    long y = Math.multiplyExact(b[i], rightFactor);
                    result[i] = subtract ? Math.subtractExact(x, y) : Math.addExact(x, y);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private long multiply(long a, long b) {
        int productScale = leftScale + rightScale;
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return Decimals.rescale(low, productScale, resultScale);
        }
        // The exact product needs more than 64 bits; the rescaled result may still fit.
        BigDecimal product = BigDecimal.valueOf(a, leftScale).multiply(BigDecimal.valueOf(b, rightScale));
        return Decimals.fromBigDecimal(product.setScale(resultScale, RoundingMode.HALF_UP));
    }

    private long divide(long a, long b) {
        if (b == 0) {
            throw NumericErrors.divisionByZero();
        }
        // a/10^sa / (b/10^sb) at scale rs = a * 10^(rs - sa + sb) / b
        int exponent = resultScale - leftScale + rightScale;
        if (exponent >= 0 && exponent <= 18) {
            long factor = Decimals.powerOfTen(exponent);
            long high = Math.multiplyHigh(a, factor);
            long low = a * factor;
            if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
                return Decimals.divideRoundHalfUp(low, b);
            }
        }
        BigDecimal quotient = BigDecimal.valueOf(a, leftScale)
                .divide(BigDecimal.valueOf(b, rightScale), resultScale, RoundingMode.HALF_UP);
        return Decimals.fromBigDecimal(quotient);
    }

    private long modulo(long a, long b) {
        if (b == 0) {
            throw NumericErrors.divisionByZero();
        }
        int commonScale = Math.max(leftScale, rightScale);
        long dividend = Decimals.rescale(a, leftScale, commonScale);
        long divisor = Decimals.rescale(b, rightScale, commonScale);
        long remainder = divisor == -1 ? 0 : dividend % divisor;
        return Decimals.rescale(remainder, commonScale, resultScale);
    }
}
