package io.depot.storage.segment;

import java.nio.ByteBuffer;

/**
 * A frame of reference, the building block of every non-PLAIN encoding: int64 reference, int8
 * bit width (0..64), then each value minus the reference bit-packed at that width. Subtraction
 * and addition wrap, so any longs round-trip; the width comes from {@code max - min} read as
 * unsigned.
 */
final class PackedFrame {
    static final int HEADER_LENGTH = Long.BYTES + 1;

    private PackedFrame() {}

    /** Bytes of a frame of {@code count} values whose largest minus smallest is {@code range}. */
    static long length(long count, long range) {
        return HEADER_LENGTH + BitPacking.packedLength(count, BitPacking.width(range));
    }

    /** Writes {@code values[from..from+count)}, which lie in {@code [min, max]}. */
    static void write(long[] values, int from, int count, long min, long max, LittleEndianOutput output) {
        int width = BitPacking.width(max - min);
        output.writeLong(min);
        output.writeByte(width);
        BitPacking.pack(values, from, count, min, width, output);
    }

    /**
     * Reads {@code count} values into a fixed-width vector through {@code writer}, a chunk at a
     * time (see {@link FixedWidthWriter}), checking the width.
     */
    static void readInto(ByteBuffer payload, int count, FixedWidthWriter writer, BlockLocation location, String what) {
        long reference = payload.getLong();
        int width = DecodeChecks.readWidth(payload, location, what);
        if (width < Long.SIZE - 1) {
            long max = reference + (1L << width) - 1;
            if (max >= reference) {
                // The values are reference + 0..2^width-1, none of which wrapped around.
                writer.knownRange(reference, max);
            }
        }
        long[] chunk = DecodeScratch.current().chunk();
        for (int done = 0; done < count; done += FixedWidthWriter.CHUNK_ROWS) {
            int chunkCount = Math.min(FixedWidthWriter.CHUNK_ROWS, count - done);
            BitPacking.unpack(payload, chunkCount, width, reference, chunk, 0);
            writer.write(chunk, chunkCount);
        }
    }

    /** Reads {@code count} values into {@code target[offset..offset+count)}, checking the width. */
    static void read(ByteBuffer payload, int count, long[] target, int offset, BlockLocation location, String what) {
        long reference = payload.getLong();
        int width = DecodeChecks.readWidth(payload, location, what);
        BitPacking.unpack(payload, count, width, reference, target, offset);
    }
}
