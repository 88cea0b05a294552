package io.depot.storage.type;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Helpers for 128-bit two's complement integers held as two longs, {@code high} (signed) and
 * {@code low} (its bits read as unsigned): the unscaled values of DECIMAL wider than 18 digits.
 * Used at edges (zone maps, literals, conversions); per-row arithmetic lives in the engine.
 */
public final class Int128 {
    /** 10^38 - 1, the largest unscaled value of DECIMAL(38,s). */
    public static final BigInteger MAX_DECIMAL_UNSCALED = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

    private Int128() {}

    /** Compares two values: negative, zero or positive like {@link Comparable#compareTo}. */
    public static int compare(long leftHigh, long leftLow, long rightHigh, long rightLow) {
        return leftHigh != rightHigh ? Long.compare(leftHigh, rightHigh) : Long.compareUnsigned(leftLow, rightLow);
    }

    /** The value as a BigInteger. */
    public static BigInteger toBigInteger(long high, long low) {
        if (high == (low >> 63)) {
            return BigInteger.valueOf(low);
        }
        BigInteger lowPart = BigInteger.valueOf(low & Long.MAX_VALUE);
        if (low < 0) {
            lowPart = lowPart.setBit(63);
        }
        return BigInteger.valueOf(high).shiftLeft(64).add(lowPart);
    }

    /** The value as a decimal with {@code scale} digits after the point. */
    public static BigDecimal toBigDecimal(long high, long low, int scale) {
        if (high == (low >> 63)) {
            return BigDecimal.valueOf(low, scale);
        }
        return new BigDecimal(toBigInteger(high, low), scale);
    }

    /** The high 64 bits of a value that fits 128 bits. */
    public static long high(BigInteger value) {
        return value.shiftRight(64).longValue();
    }

    /** The low 64 bits. */
    public static long low(BigInteger value) {
        return value.longValue();
    }

    /** Whether the value fits a signed 128-bit integer. */
    public static boolean fits(BigInteger value) {
        return value.bitLength() <= 127;
    }
}
