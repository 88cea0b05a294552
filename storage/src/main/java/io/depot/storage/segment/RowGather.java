package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
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
        long[] values = DecodeScratch.current().values(count);
        long mask = width == 64 ? -1L : (1L << width) - 1;
        int wordCount = (int) (wordsLength / Long.BYTES);
        for (int i = 0; i < count; i++) {
            long bit = (long) positions[i] * width;
            int word = (int) (bit >>> 6);
            int shift = (int) (bit & 63);
            long value = 0;
            if (width > 0) {
                value = (long) LONG_VIEW.get(raw, wordsStart + word * Long.BYTES) >>> shift;
                if (shift + width > 64 && word + 1 < wordCount) {
                    value |= (long) LONG_VIEW.get(raw, wordsStart + (word + 1) * Long.BYTES) << (64 - shift);
                }
            }
            values[i] = (value & mask) + reference;
        }
        ((BaseFixedWidthVector) vector).allocateNew(count);
        new FixedWidthWriter(PhysicalType.of(type), vector.getDataBuffer(), count, location).write(values, count);
        ArrowBuf validity = vector.getValidityBuffer();
        for (int i = 0; i < count; i++) {
            int position = positions[i];
            if (validityLength == 0 || (raw[position >>> 3] & (1 << (position & 7))) != 0) {
                validity.setByte(i >>> 3, validity.getByte(i >>> 3) | (1 << (i & 7)));
            }
        }
        vector.setValueCount(count);
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
