package io.depot.storage.segment;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Unsigned integers of a fixed bit width packed into little-endian 64-bit words: value {@code i}
 * occupies bits {@code [i * width, (i + 1) * width)} of the word stream, low bits first, and the
 * last word is padded with zeros. Width 0 takes no bytes (every value is 0).
 */
final class BitPacking {
    static final int MAX_WIDTH = 64;

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
        int wordCount = (int) (packedLength(count, width) / Long.BYTES);
        // One spare zero word lets every value read two words without a branch.
        long[] words = DecodeScratch.current().words(wordCount + 1);
        int position = input.position();
        if (input.remaining() < wordCount * Long.BYTES) {
            throw new BufferUnderflowException();
        }
        for (int i = 0; i < wordCount; i++) {
            words[i] = input.getLong(position + i * Long.BYTES);
        }
        words[wordCount] = 0;
        input.position(position + wordCount * Long.BYTES);
        long mask = width == 64 ? -1L : (1L << width) - 1;
        long bit = 0;
        for (int i = 0; i < count; i++, bit += width) {
            int word = (int) (bit >>> 6);
            int shift = (int) (bit & 63);
            // (x << 1) << (63 - shift) is x << (64 - shift), but 0 rather than x when shift is 0.
            long value = (words[word] >>> shift) | ((words[word + 1] << 1) << (63 - shift));
            target[offset + i] = (value & mask) + reference;
        }
    }
}
