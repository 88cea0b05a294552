package io.depot.engine.expression;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.batch.WideDecimals;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * DECIMAL arithmetic where the result or an argument is wider than 18 digits; either argument may be a wide
 * (128-bit key) or a narrow (scaled long) DECIMAL. ADD and SUBTRACT rescale both sides to the
 * result scale, MULTIPLY takes the exact 128-bit product, all without boxing; DIVIDE and MODULO
 * round half-up to the result scale, through BigDecimal unless both sides fit 64 bits. A result
 * with more digits than the result type's precision is a "numeric overflow" error.
 */
final class WideDecimalArithmeticKernel implements Kernel {
    private final Function function;
    private final Kernel left;
    private final Kernel right;
    private final ColumnType leftType;
    private final ColumnType rightType;
    private final ColumnType resultType;

    /** @param right null for NEGATE */
    WideDecimalArithmeticKernel(Function function, Kernel left, Kernel right, ColumnType leftType,
            ColumnType rightType, ColumnType resultType) {
        this.function = function;
        this.left = left;
        this.right = right;
        this.leftType = leftType;
        this.rightType = rightType;
        this.resultType = resultType;
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        int size = context.size();
        ColumnData leftData = left.evaluate(context);
        long[] aHigh = new long[size];
        long[] aLow = new long[size];
        halves(leftData, aHigh, aLow);
        long[] resultHigh = new long[size];
        long[] resultLow = new long[size];
        long[] out = new long[2];
        int resultScale = resultType.scale();
        int precision = resultType.precision();
        if (function == Function.NEGATE) {
            boolean[] nulls = leftData.nulls();
            for (int i = 0; i < size; i++) {
                if (!Nulls.isNull(nulls, i)) {
                    rescale(aHigh[i], aLow[i], leftType.scale(), out);
                    Int128Math.negate(out[0], out[1], out);
                    store(out, precision, resultHigh, resultLow, i);
                }
            }
            return result(resultHigh, resultLow, nulls, size);
        }
        ColumnData rightData = right.evaluate(context);
        long[] bHigh = new long[size];
        long[] bLow = new long[size];
        halves(rightData, bHigh, bLow);
        boolean[] nulls = Nulls.union(leftData.nulls(), rightData.nulls(), size);
        long[] other = new long[2];
        for (int i = 0; i < size; i++) {
            if (Nulls.isNull(nulls, i)) {
                continue;
            }
            switch (function) {
                case ADD, SUBTRACT -> {
                    rescale(bHigh[i], bLow[i], rightType.scale(), other);
                    if (function == Function.SUBTRACT) {
                        Int128Math.negate(other[0], other[1], other);
                    }
                    rescale(aHigh[i], aLow[i], leftType.scale(), out);
                    Int128Math.add(out[0], out[1], other[0], other[1], out);
                }
                case MULTIPLY -> {
                    int productScale = leftType.scale() + rightType.scale();
                    if (productScale == resultScale) {
                        Int128Math.multiply(aHigh[i], aLow[i], bHigh[i], bLow[i], out);
                    } else {
                        BigDecimal product = decimal(aHigh[i], aLow[i], leftType.scale())
                                .multiply(decimal(bHigh[i], bLow[i], rightType.scale()));
                        Int128Math.fromBigInteger(product.setScale(resultScale, RoundingMode.HALF_UP).unscaledValue(),
                                precision, out);
                    }
                }
                case DIVIDE -> divide(aHigh[i], aLow[i], bHigh[i], bLow[i], out);
                case MODULO -> modulo(aHigh[i], aLow[i], bHigh[i], bLow[i], out);
                default -> throw new IllegalStateException("not arithmetic: " + function);
            }
            store(out, precision, resultHigh, resultLow, i);
        }
        return result(resultHigh, resultLow, nulls, size);
    }

    /** Keys for a wide result type; scaled longs for a narrow one (every value passed its precision). */
    private ColumnData result(long[] high, long[] low, boolean[] nulls, int size) {
        if (resultType.isWideDecimal()) {
            return WideDecimals.of(high, low, nulls, size);
        }
        return new LongData(low, nulls, size);
    }

    /** Splits every row of a narrow (LongData) or wide (key) decimal into its two halves. */
    static void halves(ColumnData data, long[] high, long[] low) {
        int size = data.size();
        if (data instanceof LongData longs) {
            long[] values = longs.values();
            for (int i = 0; i < size; i++) {
                low[i] = values[i];
                high[i] = values[i] >> 63;
            }
            return;
        }
        StringData keys = (StringData) data;
        for (int i = 0; i < size; i++) {
            if (keys.length(i) == WideDecimals.WIDTH) {
                high[i] = WideDecimals.high(keys, i);
                low[i] = WideDecimals.low(keys, i);
            }
        }
    }

    private static void store(long[] value, int precision, long[] high, long[] low, int row) {
        if (!Int128Math.fitsPrecision(value[0], value[1], precision)) {
            throw NumericErrors.overflow();
        }
        high[row] = value[0];
        low[row] = value[1];
    }

    /** A value of {@code scale} moved to the result scale (exact upwards, half-up downwards). */
    private void rescale(long high, long low, int scale, long[] out) {
        int resultScale = resultType.scale();
        if (scale <= resultScale) {
            Int128Math.scaleUp(high, low, resultScale - scale, out);
        } else {
            BigDecimal value = decimal(high, low, scale).setScale(resultScale, RoundingMode.HALF_UP);
            Int128Math.fromBigInteger(value.unscaledValue(), resultType.precision(), out);
        }
    }

    private void divide(long aHigh, long aLow, long bHigh, long bLow, long[] out) {
        if (bHigh == 0 && bLow == 0) {
            throw NumericErrors.divisionByZero();
        }
        int exponent = resultType.scale() - leftType.scale() + rightType.scale();
        boolean bothLong = aHigh == (aLow >> 63) && bHigh == (bLow >> 63);
        if (bothLong && exponent >= 0 && exponent <= 18) {
            long factor = Decimals.powerOfTen(exponent);
            long productHigh = Math.multiplyHigh(aLow, factor);
            long product = aLow * factor;
            if (productHigh == (product >> 63)) {
                long quotient = Decimals.divideRoundHalfUp(product, bLow);
                out[0] = quotient >> 63;
                out[1] = quotient;
                return;
            }
        }
        BigDecimal quotient = decimal(aHigh, aLow, leftType.scale())
                .divide(decimal(bHigh, bLow, rightType.scale()), resultType.scale(), RoundingMode.HALF_UP);
        Int128Math.fromBigInteger(quotient.unscaledValue(), resultType.precision(), out);
    }

    private void modulo(long aHigh, long aLow, long bHigh, long bLow, long[] out) {
        if (bHigh == 0 && bLow == 0) {
            throw NumericErrors.divisionByZero();
        }
        BigDecimal remainder = decimal(aHigh, aLow, leftType.scale()).remainder(decimal(bHigh, bLow, rightType.scale()));
        BigInteger unscaled = remainder.setScale(resultType.scale(), RoundingMode.HALF_UP).unscaledValue();
        Int128Math.fromBigInteger(unscaled, resultType.precision(), out);
    }

    private static BigDecimal decimal(long high, long low, int scale) {
        return new BigDecimal(Int128Math.toBigInteger(high, low), scale);
    }
}
