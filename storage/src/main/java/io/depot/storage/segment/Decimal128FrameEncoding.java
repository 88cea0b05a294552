package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.FieldVector;

/**
 * Frame of reference for 128-bit decimals: the block minimum as a 128-bit reference, then each
 * value minus the minimum bit-packed, applicable when the block's range {@code max - min} fits
 * 64 bits (unsigned). Payload: int64 reference low, int64 reference high, int8 width (0..64),
 * the packed words. Wide decimals usually hold values of similar magnitude, so a block of
 * amounts with 38 digits of room typically packs to a few dozen bits per row instead of 128.
 */
final class Decimal128FrameEncoding implements BlockEncoding {
    private static final int HEADER_LENGTH = 2 * Long.BYTES + 1;

    @Override
    public long estimateSize(BlockValues values) {
        if (!(values instanceof FixedWidthValues fixed) || fixed.type() != PhysicalType.INT128) {
            return NOT_APPLICABLE;
        }
        long[] bounds = fixed.int128Bounds();
        long rangeLow = bounds[3] - bounds[1];
        long borrow = Long.compareUnsigned(bounds[3], bounds[1]) < 0 ? 1 : 0;
        long rangeHigh = bounds[2] - bounds[0] - borrow;
        if (rangeHigh != 0) {
            return NOT_APPLICABLE;
        }
        return HEADER_LENGTH + BitPacking.packedLength(fixed.rowCount(), BitPacking.width(rangeLow));
    }

    @Override
    public void encode(BlockValues values, LittleEndianOutput output) {
        FixedWidthValues fixed = (FixedWidthValues) values;
        long[] bounds = fixed.int128Bounds();
        long[] source = fixed.values();
        int rows = fixed.rowCount();
        long minLow = bounds[1];
        // Every value minus the minimum fits 64 bits (estimateSize checked the range), and the
        // low 64 bits of a 128-bit difference are the difference of the low halves, wrapping.
        long[] offsets = new long[rows];
        for (int row = 0; row < rows; row++) {
            offsets[row] = source[2 * row] - minLow;
        }
        int width = BitPacking.width(bounds[3] - minLow);
        output.writeLong(minLow);
        output.writeLong(bounds[0]);
        output.writeByte(width);
        BitPacking.pack(offsets, 0, rows, 0, width, output);
    }

    @Override
    public void decode(ByteBuffer payload, int rows, ColumnType type, FieldVector vector, BlockLocation location) {
        long referenceLow = payload.getLong();
        long referenceHigh = payload.getLong();
        int width = DecodeChecks.readWidth(payload, location, "value");
        long[] offsets = DecodeScratch.current().values(rows);
        BitPacking.unpack(payload, rows, width, 0, offsets, 0);
        long[] values = new long[2 * rows];
        long carries = 0;
        for (int row = 0; row < rows; row++) {
            long low = referenceLow + offsets[row];
            long carry = Long.compareUnsigned(low, referenceLow) < 0 ? 1 : 0;
            carries |= carry;
            values[2 * row] = low;
            values[2 * row + 1] = referenceHigh + carry;
        }
        // A carry into a high half of Long.MAX_VALUE would wrap past the largest 128-bit value.
        if (carries != 0 && referenceHigh == Long.MAX_VALUE) {
            throw location.corruption("decodes to values outside its " + PhysicalType.INT128 + " column");
        }
        new FixedWidthWriter(vector, PhysicalType.INT128, rows, location).write(values, rows);
    }
}
