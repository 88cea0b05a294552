package io.depot.engine.expression;

import io.depot.engine.batch.ShortStrings;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant string's bytes (UTF-8, or a wide decimal's key) prepared for equality tests against
 * many values: a value of the same length up to 8 bytes is compared as one masked 64-bit word
 * (ship modes, flags, brands), longer ones word by word. Filters such as
 * {@code l_shipmode = 'MAIL'} test every row of a column this way.
 */
final class ConstantBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    /** The first up to 8 bytes as a little-endian word, zero above the length. */
    private final long prefix;
    /** The bits of a word that the first up to 8 bytes occupy. */
    private final long prefixMask;

    ConstantBytes(byte[] bytes) {
        this.bytes = bytes.clone();
        int head = Math.min(bytes.length, Long.BYTES);
        this.prefix = ShortStrings.littleEndianWord(bytes, 0, head);
        this.prefixMask = maskFor(head);
    }

    byte[] bytes() {
        return bytes;
    }

    /** The first up to 8 bytes as a little-endian word, zero above the length. */
    long prefix() {
        return prefix;
    }

    /** The bits of a little-endian word that a value of {@code length} bytes occupies (all for 8 or more). */
    static long maskFor(int length) {
        int bits = Math.min(length, Long.BYTES) * 8;
        return bits == 0 ? 0 : -1L >>> (64 - bits);
    }

    /** The value of {@code values[start, start + 8)} as a little-endian word; the caller checks the bounds. */
    static long word(byte[] values, int start) {
        return (long) LONGS.get(values, start);
    }

    /** Whether {@code values[start, end)} equals the constant. */
    boolean equalsRange(byte[] values, int start, int end) {
        int length = end - start;
        if (bytes.length <= Long.BYTES && start + Long.BYTES <= values.length) {
            // without a branch on the value: lengths differ at random from row to row, a mispredicted branch each time
            long word = (long) LONGS.get(values, start);
            return (length == bytes.length) & ((word & prefixMask) == prefix);
        }
        if (length != bytes.length) {
            return false;
        }
        if (start + Long.BYTES > values.length) {
            // too near the array's end to read a whole word
            return Arrays.equals(values, start, end, bytes, 0, length);
        }
        // the word may reach into the next value's bytes: the mask drops them
        if ((((long) LONGS.get(values, start)) & prefixMask) != prefix) {
            return false;
        }
        if (length <= Long.BYTES) {
            return true;
        }
        int i = Long.BYTES;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if ((long) LONGS.get(values, start + i) != (long) LONGS.get(bytes, i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (values[start + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
