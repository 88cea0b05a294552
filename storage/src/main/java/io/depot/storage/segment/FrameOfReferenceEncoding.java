package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.FieldVector;

/**
 * Frame of reference plus bit-packing for integers: one {@link PackedFrame} of all values with
 * the block minimum as reference, so each value takes just the bits {@code max - min} needs. A
 * constant block packs to nothing but the frame header.
 */
final class FrameOfReferenceEncoding implements BlockEncoding {
    @Override
    public long estimateSize(BlockValues values) {
        if (!(values instanceof FixedWidthValues fixed) || !fixed.type().isInteger()) {
            return NOT_APPLICABLE;
        }
        LongStatistics statistics = fixed.statistics();
        return PackedFrame.length(fixed.rowCount(), statistics.max() - statistics.min());
    }

    @Override
    public void encode(BlockValues values, LittleEndianOutput output) {
        FixedWidthValues fixed = (FixedWidthValues) values;
        LongStatistics statistics = fixed.statistics();
        PackedFrame.write(fixed.values(), 0, fixed.rowCount(), statistics.min(), statistics.max(), output);
    }

    @Override
    public void decode(ByteBuffer payload, int rows, ColumnType type, FieldVector vector, BlockLocation location) {
        FixedWidthWriter writer = new FixedWidthWriter(vector, PhysicalType.of(type), rows, location);
        PackedFrame.readInto(payload, rows, writer, location, "value");
    }
}
