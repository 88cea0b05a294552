package io.depot.storage.segment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Unsigned integers of a fixed bit width packed into little-endian 64-bit words: value {@code i}
 * occupies bits {@code [i * width, (i + 1) * width)} of the word stream, low bits first, and the
 * last word is padded with zeros. Width 0 takes no bytes (every value is 0).
 */
final class BitPacking {
    static final int MAX_WIDTH = 64;
    /** The widest value an unaligned 8-byte window holds whatever its bit offset in the first byte (0..7). */
    static final int MAX_WINDOW_WIDTH = Long.SIZE - 7;

    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private BitPacking() {}

    /** Bits needed for values {@code 0..range}, with {@code range} read as unsigned. */
    static int width(long range) {
        return Long.SIZE - Long.numberOfLeadingZeros(range);
    }

    /** Bytes of {@code count} packed values of {@code width} bits. */
    static long packedLength(long count, int width) {
        return (count * width + 63) / 64 * Long.BYTES;
    }

    /** Writes {@code values[from..from+count) - reference} (wrapping) at {@code width} bits each. */
    static void pack(long[] values, int from, int count, long reference, int width, LittleEndianOutput output) {
        if (width == 0) {
            return;
        }
        long word = 0;
        int used = 0;
        for (int i = 0; i < count; i++) {
            long value = values[from + i] - reference;
            word |= value << used;
            used += width;
            if (used >= 64) {
                output.writeLong(word);
                used -= 64;
                // The bits of this value that did not fit start the next word.
                word = used == 0 ? 0 : value >>> (width - used);
            }
        }
        if (used > 0) {
            output.writeLong(word);
        }
    }

    /**
     * Reads {@code count} values of {@code width} bits (0..64, checked by the caller), adds
     * {@code reference} (wrapping) and stores them in {@code target[offset..offset+count)}.
     *
     * @throws java.nio.BufferUnderflowException when the input ends first
     */
    static void unpack(ByteBuffer input, int count, int width, long reference, long[] target, int offset) {
        if (width == 0) {
            Arrays.fill(target, offset, offset + count, reference);
            return;
        }
        int byteLength = (int) packedLength(count, width);
        if (input.remaining() < byteLength) {
            throw new BufferUnderflowException();
        }
        int unpacked = 0;
        if (width <= MAX_WINDOW_WIDTH && input.hasArray() && input.order() == ByteOrder.LITTLE_ENDIAN) {
            unpacked = unpackByGroups(input, count, width, reference, target, offset);
        }
        if (unpacked < count) {
            unpackByWords(input, unpacked, count, width, reference, target, offset);
        }
        input.position(input.position() + byteLength);
    }

    /**
     * The fast path, for the whole groups of eight values whose loads lie inside the buffer
     * (bytes past the packed data are masked off); returns how many values it unpacked, leaving
     * the rest (the last few values of a frame at the very end of its buffer, and a partial last
     * group) to the word path. Eight values of {@code width} bits take exactly {@code width}
     * bytes, so every group starts on a byte, and the byte offsets and shifts of its values within
     * the group are the same for every group: loop invariants, not per-value arithmetic. Since the
     * stream is little-endian, one unaligned 8-byte load holds every value that starts in its first
     * byte and ends within its 64 bits: one load serves eight values up to 7 bits wide, four up to
     * 14, two up to 28, and one otherwise.
     */
    private static int unpackByGroups(ByteBuffer input, int count, int width, long reference, long[] target,
            int offset) {
        byte[] bytes = input.array();
        int base = input.arrayOffset() + input.position();
        int available = input.arrayOffset() + input.limit() - base;
        // The last load of a group starts at the byte of its last value.
        int lastLoad = 7 * width >>> 3;
        if (available < lastLoad + Long.BYTES) {
            return 0;
        }
        int groups = Math.min(count >>> 3, (available - lastLoad - Long.BYTES) / width + 1);
        long mask = (1L << width) - 1;
        if (width <= 7) {
            unpackGroupsByOneLoad(bytes, base, groups, width, mask, reference, target, offset);
        } else if (width <= 14) {
            unpackGroupsByTwoLoads(bytes, base, groups, width, mask, reference, target, offset);
        } else if (width <= 28) {
            unpackGroupsByFourLoads(bytes, base, groups, width, mask, reference, target, offset);
        } else {
            unpackGroupsByEightLoads(bytes, base, groups, width, mask, reference, target, offset);
        }
        return groups << 3;
    }

    private static void unpackGroupsByOneLoad(byte[] bytes, int base, int groups, int width, long mask,
            long reference, long[] target, int offset) {
        int shift2 = 2 * width;
        int shift3 = 3 * width;
        int shift4 = 4 * width;
        int shift5 = 5 * width;
        int shift6 = 6 * width;
        int shift7 = 7 * width;
        for (int group = 0; group < groups; group++) {
            long word = (long) LITTLE_ENDIAN_LONGS.get(bytes, base + group * width);
            int at = offset + (group << 3);
            target[at] = (word & mask) + reference;
            target[at + 1] = (word >>> width & mask) + reference;
            target[at + 2] = (word >>> shift2 & mask) + reference;
            target[at + 3] = (word >>> shift3 & mask) + reference;
            target[at + 4] = (word >>> shift4 & mask) + reference;
            target[at + 5] = (word >>> shift5 & mask) + reference;
            target[at + 6] = (word >>> shift6 & mask) + reference;
            target[at + 7] = (word >>> shift7 & mask) + reference;
        }
    }

    /** Values 0..3 of a group from a load at its first byte, 4..7 from one at value 4's byte. */
    private static void unpackGroupsByTwoLoads(byte[] bytes, int base, int groups, int width, long mask,
            long reference, long[] target, int offset) {
        int load4 = 4 * width >>> 3;
        int shift2 = 2 * width;
        int shift3 = 3 * width;
        int shift4 = 4 * width & 7;
        int shift5 = shift4 + width;
        int shift6 = shift4 + 2 * width;
        int shift7 = shift4 + 3 * width;
        for (int group = 0; group < groups; group++) {
            int start = base + group * width;
            long low = (long) LITTLE_ENDIAN_LONGS.get(bytes, start);
            long high = (long) LITTLE_ENDIAN_LONGS.get(bytes, start + load4);
            int at = offset + (group << 3);
            target[at] = (low & mask) + reference;
            target[at + 1] = (low >>> width & mask) + reference;
            target[at + 2] = (low >>> shift2 & mask) + reference;
            target[at + 3] = (low >>> shift3 & mask) + reference;
            target[at + 4] = (high >>> shift4 & mask) + reference;
            target[at + 5] = (high >>> shift5 & mask) + reference;
            target[at + 6] = (high >>> shift6 & mask) + reference;
            target[at + 7] = (high >>> shift7 & mask) + reference;
        }
    }

    /** Values 2k and 2k + 1 of a group from one load at value 2k's byte. */
    private static void unpackGroupsByFourLoads(byte[] bytes, int base, int groups, int width, long mask,
            long reference, long[] target, int offset) {
        int load2 = 2 * width >>> 3;
        int load4 = 4 * width >>> 3;
        int load6 = 6 * width >>> 3;
        int shift2 = 2 * width & 7;
        int shift4 = 4 * width & 7;
        int shift6 = 6 * width & 7;
        for (int group = 0; group < groups; group++) {
            int start = base + group * width;
            long word0 = (long) LITTLE_ENDIAN_LONGS.get(bytes, start);
            long word2 = (long) LITTLE_ENDIAN_LONGS.get(bytes, start + load2) >>> shift2;
            long word4 = (long) LITTLE_ENDIAN_LONGS.get(bytes, start + load4) >>> shift4;
            long word6 = (long) LITTLE_ENDIAN_LONGS.get(bytes, start + load6) >>> shift6;
            int at = offset + (group << 3);
            target[at] = (word0 & mask) + reference;
            target[at + 1] = (word0 >>> width & mask) + reference;
            target[at + 2] = (word2 & mask) + reference;
            target[at + 3] = (word2 >>> width & mask) + reference;
            target[at + 4] = (word4 & mask) + reference;
            target[at + 5] = (word4 >>> width & mask) + reference;
            target[at + 6] = (word6 & mask) + reference;
            target[at + 7] = (word6 >>> width & mask) + reference;
        }
    }

    /** One load per value, at the value's byte (widths up to 57: a value spans at most 8 bytes then). */
    private static void unpackGroupsByEightLoads(byte[] bytes, int base, int groups, int width, long mask,
            long reference, long[] target, int offset) {
        long bit = 0;
        for (int group = 0; group < groups; group++) {
            int at = offset + (group << 3);
            for (int i = 0; i < 8; i++, bit += width) {
                long window = (long) LITTLE_ENDIAN_LONGS.get(bytes, base + (int) (bit >>> 3));
                target[at + i] = ((window >>> (bit & 7)) & mask) + reference;
            }
        }
    }

    /** Values {@code from..count} assembled from the stream's 64-bit words (any width, any buffer). */
    private static void unpackByWords(ByteBuffer input, int from, int count, int width, long reference,
            long[] target, int offset) {
        int wordCount = (int) (packedLength(count, width) / Long.BYTES);
        int firstWord = (int) ((long) from * width >>> 6);
        // One spare zero word lets every value read two words without a branch.
        long[] words = DecodeScratch.current().words(wordCount - firstWord + 1);
        int position = input.position();
        for (int i = firstWord; i < wordCount; i++) {
            words[i - firstWord] = input.getLong(position + i * Long.BYTES);
        }
        words[wordCount - firstWord] = 0;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        long bit = (long) from * width - (long) firstWord * 64;
        for (int i = from; i < count; i++, bit += width) {
            int word = (int) (bit >>> 6);
            int shift = (int) (bit & 63);
            // (x << 1) << (63 - shift) is x << (64 - shift), but 0 rather than x when shift is 0.
            long value = (words[word] >>> shift) | ((words[word + 1] << 1) << (63 - shift));
            target[offset + i] = (value & mask) + reference;
        }
    }
}
