package io.depot.engine.batch;

import java.util.Arrays;

/**
 * VARCHAR values of at most {@link #MAX_BYTES} UTF-8 bytes packed into one long each: the bytes
 * little-endian in the low 56 bits, the length in the top byte. Distinct strings pack to distinct
 * longs, so hash tables keyed on short strings (flags, codes, modes: most group keys) hash and
 * compare one long instead of a byte range.
 */
public final class ShortStrings {
    /** The longest string that packs. */
    public static final int MAX_BYTES = 7;

    private ShortStrings() {}

    /** The packed form of {@code bytes[start .. start + length)}; {@code length} is at most {@link #MAX_BYTES}. */
    public static long pack(byte[] bytes, int start, int length) {
        return littleEndianWord(bytes, start, length) | (long) length << 56;
    }

    /** {@code bytes[start .. start + length)}, at most 8 bytes, as a little-endian word, zero above them. */
    public static long littleEndianWord(byte[] bytes, int start, int length) {
        long word = 0;
        for (int i = length - 1; i >= 0; i--) {
            word = word << 8 | (bytes[start + i] & 0xFF);
        }
        return word;
    }

    /**
     * The packed form of a string of {@code length} bytes (at most {@link #MAX_BYTES}) that are the
     * low bytes of the little-endian 8-byte {@code word} read at its start (the rest is ignored).
     */
    static long fromWord(long word, int length) {
        return word & ((1L << (length << 3)) - 1) | (long) length << 56;
    }

    /** The number of bytes of a packed string. */
    public static int length(long packed) {
        return (int) (packed >>> 56);
    }

    /** Writes a packed string's bytes to {@code target} at {@code offset}; returns the length. */
    public static int unpackInto(long packed, byte[] target, int offset) {
        int length = length(packed);
        for (int i = 0; i < length; i++) {
            target[offset + i] = (byte) (packed >>> (i << 3));
        }
        return length;
    }

    /** The strings packed, or null when a non-NULL one is longer than {@link #MAX_BYTES}. */
    public static LongData pack(StringData strings) {
        int size = strings.size();
        int[] offsets = strings.offsets();
        byte[] bytes = strings.bytes();
        boolean[] nulls = strings.nulls();
        long[] values = new long[size];
        for (int row = 0; row < size; row++) {
            int length = offsets[row + 1] - offsets[row];
            if (length > MAX_BYTES) {
                if (nulls == null || !nulls[row]) {
                    return null;
                }
                continue;
            }
            values[row] = pack(bytes, offsets[row], length);
        }
        return new LongData(values, nulls, size);
    }

    /** Packed strings {@code values[from .. from + count)} as strings; NULL rows are empty. */
    public static StringData unpack(long[] values, boolean[] nulls, int from, int count) {
        int[] offsets = new int[count + 1];
        int total = 0;
        for (int i = 0; i < count; i++) {
            boolean isNull = nulls != null && nulls[from + i];
            total += isNull ? 0 : length(values[from + i]);
            offsets[i + 1] = total;
        }
        byte[] bytes = new byte[total];
        for (int i = 0; i < count; i++) {
            if (offsets[i + 1] > offsets[i]) {
                unpackInto(values[from + i], bytes, offsets[i]);
            }
        }
        boolean[] sliceNulls = null;
        if (nulls != null) {
            sliceNulls = Arrays.copyOfRange(nulls, from, from + count);
        }
        return new StringData(offsets, bytes, sliceNulls, count);
    }
}
