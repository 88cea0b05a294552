package io.depot.engine.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Exact scaled-long decimal helpers; every overflow is a user error, every rounding half-up. */
public final class Decimals {
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private Decimals() {}

    /** 10 to the power {@code exponent}, for 0..18. */
    public static long powerOfTen(int exponent) {
        return POWERS_OF_TEN[exponent];
    }

    /** An unscaled value moved from one scale to another, rounding half-up when scale drops. */
    public static long rescale(long unscaled, int fromScale, int toScale) {
        if (toScale == fromScale) {
            return unscaled;
        }
        if (toScale > fromScale) {
            int exponent = toScale - fromScale;
            if (exponent > 18) {
                if (unscaled == 0) {
                    return 0;
                }
                throw NumericErrors.overflow();
            }
            return multiplyExact(unscaled, POWERS_OF_TEN[exponent]);
        }
        int exponent = fromScale - toScale;
        if (exponent > 18) {
            return 0;
        }
        return divideRoundHalfUp(unscaled, POWERS_OF_TEN[exponent]);
    }

    /** {@code dividend / divisor} rounded half away from zero; the divisor must not be zero. */
    public static long divideRoundHalfUp(long dividend, long divisor) {
        if (divisor == Long.MIN_VALUE || (dividend == Long.MIN_VALUE && divisor == -1)) {
            return fromBigDecimal(BigDecimal.valueOf(dividend).divide(BigDecimal.valueOf(divisor), 0,
                    RoundingMode.HALF_UP));
        }
        long quotient = dividend / divisor;
        long remainder = Math.abs(dividend % divisor);
        // Compare 2 * remainder with |divisor| without overflowing.
        if (remainder >= Math.abs(divisor) - remainder) {
            quotient += (dividend < 0) == (divisor < 0) ? 1 : -1;
        }
        return quotient;
    }

    /**
     * The average {@code sum / count} of values at {@code inputScale}, at {@code resultScale},
     * rounded half-up.
     */
    public static long average(long sum, int inputScale, long count, int resultScale) {
        BigDecimal average = BigDecimal.valueOf(sum, inputScale)
                .divide(BigDecimal.valueOf(count), resultScale, RoundingMode.HALF_UP);
        return fromBigDecimal(average);
    }

    /** Whether {@code unscaled} has at most {@code precision} digits. */
    public static boolean fitsPrecision(long unscaled, int precision) {
        if (precision >= 19) {
            return true;
        }
        long bound = POWERS_OF_TEN[precision];
        return unscaled > -bound && unscaled < bound;
    }

    static long multiplyExact(long left, long right) {
        long high = Math.multiplyHigh(left, right);
        long low = left * right;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        throw NumericErrors.overflow();
    }

    static long fromBigDecimal(BigDecimal value) {
        BigInteger unscaled = value.unscaledValue();
        if (unscaled.bitLength() > 63) {
            throw NumericErrors.overflow();
        }
        return unscaled.longValue();
    }
}
