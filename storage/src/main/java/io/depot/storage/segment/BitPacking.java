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
    private static final int MAX_WINDOW_WIDTH = Long.SIZE - 7;

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
            unpacked = unpackByWindows(input, count, width, reference, target, offset);
        }
        if (unpacked < count) {
            unpackByWords(input, unpacked, count, width, reference, target, offset);
        }
        input.position(input.position() + byteLength);
    }

    /**
     * The fast path: since the stream is little-endian, value {@code i} is one unaligned 8-byte
     * load at byte {@code i * width / 8}, shifted by the remaining bits and masked; one load per
     * value instead of assembling it from two words. Unpacks the values whose window lies inside
     * the buffer (bytes past the packed data are masked off) and returns how many: the last few
     * values of a frame at the very end of its buffer are left to the word path.
     */
    private static int unpackByWindows(ByteBuffer input, int count, int width, long reference, long[] target,
            int offset) {
        byte[] bytes = input.array();
        int base = input.arrayOffset() + input.position();
        long lastWindowStart = (long) input.arrayOffset() + input.limit() - Long.BYTES - base;
        if (lastWindowStart < 0) {
            return 0;
        }
        int windows = (int) Math.min(count, (lastWindowStart * 8 + 7) / width + 1);
        long mask = (1L << width) - 1;
        long bit = 0;
        for (int i = 0; i < windows; i++, bit += width) {
            long window = (long) LITTLE_ENDIAN_LONGS.get(bytes, base + (int) (bit >>> 3));
            target[offset + i] = ((window >>> (bit & 7)) & mask) + reference;
        }
        return windows;
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
