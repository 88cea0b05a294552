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

    /** Reads {@code count} values into {@code target[offset..offset+count)}, checking the width. */
    static void read(ByteBuffer payload, int count, long[] target, int offset, BlockLocation location, String what) {
        long reference = payload.getLong();
        int width = DecodeChecks.readWidth(payload, location, what);
        BitPacking.unpack(payload, count, width, reference, target, offset);
    }
}
