package io.depot.engine.batch;

import io.depot.storage.type.ColumnType;
import io.depot.storage.type.Int128;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * How the engine holds DECIMAL wider than 18 digits ({@link ColumnType#isWideDecimal()}): as
 * {@link StringData} whose every row is 16 bytes, the unscaled 128-bit value big-endian with the
 * sign bit flipped. Unsigned byte order of these keys is numeric order and byte equality is
 * value equality (for one scale), so grouping, joins, sorting, MIN/MAX, gathering and
 * comparisons reuse the byte-key paths of VARCHAR unchanged; arithmetic reads the two halves as
 * longs without boxing.
 */
public final class WideDecimals {
    /** Bytes per value. */
    public static final int WIDTH = 16;
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private WideDecimals() {}

    /** The high (signed) half of row {@code row}'s unscaled value; the row must not be NULL. */
    public static long high(StringData data, int row) {
        return (long) BIG_ENDIAN_LONG.get(data.bytes(), data.start(row)) ^ Long.MIN_VALUE;
    }

    /** The low half of row {@code row}'s unscaled value. */
    public static long low(StringData data, int row) {
        return (long) BIG_ENDIAN_LONG.get(data.bytes(), data.start(row) + Long.BYTES);
    }

    /** Writes a value as its 16-byte key at {@code offset}. */
    public static void put(byte[] target, int offset, long high, long low) {
        BIG_ENDIAN_LONG.set(target, offset, high ^ Long.MIN_VALUE);
        BIG_ENDIAN_LONG.set(target, offset + Long.BYTES, low);
    }

    /** Data of {@code size} rows over the keys in {@code bytes} (16 bytes per row). */
    public static StringData of(byte[] bytes, boolean[] nulls, int size) {
        int[] offsets = new int[size + 1];
        for (int i = 1; i <= size; i++) {
            offsets[i] = i * WIDTH;
        }
        return new StringData(offsets, bytes, nulls, size);
    }

    /** Data from the halves of each row's unscaled value. */
    public static StringData of(long[] highs, long[] lows, boolean[] nulls, int size) {
        byte[] bytes = new byte[size * WIDTH];
        for (int i = 0; i < size; i++) {
            put(bytes, i * WIDTH, highs[i], lows[i]);
        }
        return of(bytes, nulls, size);
    }

    /** Unscaled 64-bit values (a narrower DECIMAL or an integer) widened to 128 bits. */
    public static StringData fromLongs(long[] values, boolean[] nulls, int size) {
        byte[] bytes = new byte[size * WIDTH];
        for (int i = 0; i < size; i++) {
            put(bytes, i * WIDTH, values[i] >> 63, values[i]);
        }
        return of(bytes, nulls, size);
    }

    /**
     * Row {@code row}'s unscaled value as the nearest double (about 16 significant digits), for
     * statistics such as variance that compute in doubles anyway.
     */
    public static double toDouble(StringData data, int row) {
        long high = high(data, row);
        long low = low(data, row);
        if (high == (low >> 63)) {
            return low;
        }
        // Work on the magnitude: adding a negative high part to a positive low part would cancel.
        boolean negative = high < 0;
        if (negative) {
            high = ~high + (low == 0 ? 1 : 0);
            low = -low;
        }
        double magnitude = high * 0x1p64 + ((low >>> 1) * 2.0 + (low & 1));
        return negative ? -magnitude : magnitude;
    }

    /** Row {@code row} as a decimal of {@code scale}, for edges (text, results, tests). */
    public static BigDecimal toBigDecimal(StringData data, int row, int scale) {
        return Int128.toBigDecimal(high(data, row), low(data, row), scale);
    }

    /** The 16-byte key of an unscaled value, which must fit 128 bits. */
    public static byte[] key(BigInteger unscaled) {
        byte[] key = new byte[WIDTH];
        put(key, 0, Int128.high(unscaled), Int128.low(unscaled));
        return key;
    }

    /** All-NULL data of {@code size} rows. */
    public static StringData allNull(boolean[] nulls, int size) {
        return of(new byte[size * WIDTH], nulls, size);
    }
}
