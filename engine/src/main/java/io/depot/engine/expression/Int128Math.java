package io.depot.engine.expression;

import io.depot.storage.type.Int128;
import java.math.BigInteger;

/**
 * Exact 128-bit arithmetic on unscaled wide-decimal values, each held as a high (signed) and a
 * low long. Results go into caller arrays so loops allocate nothing per row; every overflow of
 * 128 bits or of a precision bound is a user error, never a wraparound.
 */
final class Int128Math {
    /** 10^p as (high, low) for p = 0..38. */
    private static final long[] POWER_HIGH = new long[39];
    private static final long[] POWER_LOW = new long[39];

    static {
        for (int p = 0; p <= 38; p++) {
            BigInteger power = BigInteger.TEN.pow(p);
            POWER_HIGH[p] = Int128.high(power);
            POWER_LOW[p] = Int128.low(power);
        }
    }

    private Int128Math() {}

    /** Whether {@code |value| < 10^precision}, i.e. the value has at most {@code precision} digits. */
    static boolean fitsPrecision(long high, long low, int precision) {
        long boundHigh = POWER_HIGH[precision];
        long boundLow = POWER_LOW[precision];
        if (high >= 0) {
            return Int128.compare(high, low, boundHigh, boundLow) < 0;
        }
        // value > -10^p  <=>  -value < 10^p; negating is exact since |value| < 2^127 here.
        long negatedLow = -low;
        long negatedHigh = ~high + (low == 0 ? 1 : 0);
        return negatedHigh >= 0 && Int128.compare(negatedHigh, negatedLow, boundHigh, boundLow) < 0;
    }

    /** {@code a + b} into {@code out[0]} (high) and {@code out[1]} (low). */
    static void add(long aHigh, long aLow, long bHigh, long bLow, long[] out) {
        long low = aLow + bLow;
        long high = aHigh + bHigh + (Long.compareUnsigned(low, aLow) < 0 ? 1 : 0);
        // Signed overflow: both inputs have one sign and the result the other.
        if (((aHigh ^ high) & (bHigh ^ high)) < 0) {
            throw NumericErrors.overflow();
        }
        out[0] = high;
        out[1] = low;
    }

    /** {@code -value} into out. */
    static void negate(long high, long low, long[] out) {
        if (high == Long.MIN_VALUE && low == 0) {
            throw NumericErrors.overflow();
        }
        out[0] = ~high + (low == 0 ? 1 : 0);
        out[1] = -low;
    }

    /** {@code a * b} into out, exactly or an overflow error. */
    static void multiply(long aHigh, long aLow, long bHigh, long bLow, long[] out) {
        boolean negative = (aHigh ^ bHigh) < 0;
        if (aHigh < 0) {
            negate(aHigh, aLow, out);
            aHigh = out[0];
            aLow = out[1];
        }
        if (bHigh < 0) {
            negate(bHigh, bLow, out);
            bHigh = out[0];
            bLow = out[1];
        }
        if (aHigh != 0 && bHigh != 0) {
            throw NumericErrors.overflow();
        }
        long low = aLow * bLow;
        long high = unsignedMultiplyHigh(aLow, bLow);
        // At most one cross term is non-zero; it must fit the 63 bits left above the low word.
        long crossFactor = aHigh != 0 ? aHigh : bHigh;
        long crossOther = aHigh != 0 ? bLow : aLow;
        if (crossFactor != 0) {
            if (unsignedMultiplyHigh(crossFactor, crossOther) != 0) {
                throw NumericErrors.overflow();
            }
            long cross = crossFactor * crossOther;
            if (cross < 0) {
                throw NumericErrors.overflow();
            }
            high += cross;
        }
        if (high < 0) {
            throw NumericErrors.overflow();
        }
        if (negative) {
            negate(high, low, out);
        } else {
            out[0] = high;
            out[1] = low;
        }
    }

    /** {@code value * 10^exponent} into out, for exponent 0..38. */
    static void scaleUp(long high, long low, int exponent, long[] out) {
        if (exponent == 0) {
            out[0] = high;
            out[1] = low;
            return;
        }
        multiply(high, low, POWER_HIGH[exponent], POWER_LOW[exponent], out);
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18). */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** The value as a BigInteger, for the rare paths (division, scale reductions). */
    static BigInteger toBigInteger(long high, long low) {
        return Int128.toBigInteger(high, low);
    }

    /** A BigInteger result into out, checked against {@code precision} digits. */
    static void fromBigInteger(BigInteger value, int precision, long[] out) {
        if (value.abs().compareTo(BigInteger.TEN.pow(precision)) >= 0) {
            throw NumericErrors.overflow();
        }
        out[0] = Int128.high(value);
        out[1] = Int128.low(value);
    }
}
