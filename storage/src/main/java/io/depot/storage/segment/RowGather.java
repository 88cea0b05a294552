package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads a few rows of a FRAME_OF_REFERENCE block without unpacking the others: value {@code p}
 * sits at bit {@code p * width} of the packed words, so a sparse selection costs a handful of
 * word reads instead of a pass over the block's 65,536 values. The checksum of the whole block
 * has been verified before; the frame's length, the NULL count and the gathered values'
 * range are checked here, as a full decode would.
 */
final class RowGather {
    private static final VarHandle LONG_VIEW = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private RowGather() {}

    /**
     * Fills the vector with the rows at {@code positions[0..count)} (ascending, within the
     * block) of a FRAME_OF_REFERENCE block whose raw bytes are {@code raw[0..length)}.
     */
    static void frameOfReference(byte[] raw, int length, ColumnType type, int rows, long nullCount, int[] positions,
            int count, FieldVector vector, BlockLocation location) {
        int validityLength = BlockDecoder.validityLength(rows, nullCount);
        int frameStart = validityLength;
        if (length < frameStart + PackedFrame.HEADER_LENGTH) {
            throw location.corruption("ends before its " + Encoding.FRAME_OF_REFERENCE + " values do");
        }
        long reference = (long) LONG_VIEW.get(raw, frameStart);
        int width = raw[frameStart + Long.BYTES];
        if (width < 0 || width > BitPacking.MAX_WIDTH) {
            throw location.corruption("has an impossible value bit width[" + width + "]");
        }
        int wordsStart = frameStart + PackedFrame.HEADER_LENGTH;
        long wordsLength = BitPacking.packedLength(rows, width);
        if (length - wordsStart != wordsLength) {
            throw location.corruption("has " + (length - wordsStart) + " packed bytes where " + wordsLength
                    + " were expected");
        }
        if (validityLength > 0) {
            checkNullCount(raw, rows, nullCount, location);
        }
        DecodeScratch scratch = DecodeScratch.current();
        long[] values = scratch.values(count);
        if (width <= BitPacking.MAX_WINDOW_WIDTH) {
            gatherByWindows(raw, length, wordsStart, width, reference, positions, count, values);
        } else {
            gatherByWords(raw, wordsStart, (int) (wordsLength / Long.BYTES), width, reference, positions, count, values);
        }
        new FixedWidthWriter(vector, PhysicalType.of(type), count, location).write(values, count);
        if (validityLength == 0) {
            BlockDecoder.finish(type, count, 0, vector, location);
            return;
        }
        // The selected rows' validity bits, assembled on the heap and copied in one call.
        int bitmapLength = ColumnBlockBuilder.validityLength(count);
        byte[] bits = scratch.bits(bitmapLength);
        Arrays.fill(bits, 0, bitmapLength, (byte) 0);
        int nulls = 0;
        for (int i = 0; i < count; i++) {
            int position = positions[i];
            int valid = (raw[position >>> 3] >>> (position & 7)) & 1;
            bits[i >>> 3] |= (byte) (valid << (i & 7));
            nulls += 1 - valid;
        }
        vector.getValidityBuffer().setBytes(0, bits, 0, bitmapLength);
        BlockDecoder.finish(type, count, nulls, vector, location);
    }

    /**
     * Value {@code p} is one unaligned 8-byte load at byte {@code p * width / 8} of the packed
     * words, shifted by the remaining bits; a load that would run past the block takes the bytes
     * that are there (the packed words end with the last value's bits).
     */
    private static void gatherByWindows(byte[] raw, int length, int wordsStart, int width, long reference,
            int[] positions, int count, long[] values) {
        long mask = (1L << width) - 1;
        int lastWindow = length - Long.BYTES;
        for (int i = 0; i < count; i++) {
            long bit = (long) positions[i] * width;
            int at = wordsStart + (int) (bit >>> 3);
            long window = at <= lastWindow ? (long) LONG_VIEW.get(raw, at) : tailWindow(raw, at, length);
            values[i] = ((window >>> (bit & 7)) & mask) + reference;
        }
    }

    /** The little-endian bytes {@code raw[at..length)}, fewer than eight, as a long. */
    private static long tailWindow(byte[] raw, int at, int length) {
        long window = 0;
        for (int index = length - 1; index >= at; index--) {
            window = window << 8 | (raw[index] & 0xFF);
        }
        return window;
    }

    /** Values wider than a window holds: assembled from the two packed words they span. */
    private static void gatherByWords(byte[] raw, int wordsStart, int wordCount, int width, long reference,
            int[] positions, int count, long[] values) {
        long mask = width == 64 ? -1L : (1L << width) - 1;
        for (int i = 0; i < count; i++) {
            long bit = (long) positions[i] * width;
            int word = (int) (bit >>> 6);
            int shift = (int) (bit & 63);
            long value = (long) LONG_VIEW.get(raw, wordsStart + word * Long.BYTES) >>> shift;
            if (shift + width > 64 && word + 1 < wordCount) {
                value |= (long) LONG_VIEW.get(raw, wordsStart + (word + 1) * Long.BYTES) << (64 - shift);
            }
            values[i] = (value & mask) + reference;
        }
    }

    private static void checkNullCount(byte[] raw, int rows, long nullCount, BlockLocation location) {
        long valid = 0;
        int fullBytes = rows >>> 3;
        for (int index = 0; index < fullBytes; index++) {
            valid += Integer.bitCount(raw[index] & 0xFF);
        }
        if ((rows & 7) != 0) {
            valid += Integer.bitCount(raw[fullBytes] & ((1 << (rows & 7)) - 1));
        }
        if (valid != rows - nullCount) {
            throw location.corruption("has " + (rows - valid) + " NULLs in its bitmap but " + nullCount
                    + " in the footer");
        }
    }
}
