package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Frame of reference over the differences between neighbours, for sorted ids and timestamps:
 * a steadily increasing column has small, similar deltas even when its range is wide. Payload:
 * int64 first value, then a {@link PackedFrame} of the {@code rows - 1} deltas (reference: the
 * smallest delta). Arithmetic wraps, so any longs round-trip.
 */
final class DeltaEncoding implements BlockEncoding {
    @Override
    public long estimateSize(BlockValues values) {
        if (!(values instanceof FixedWidthValues fixed) || !fixed.type().isInteger()) {
            return NOT_APPLICABLE;
        }
        LongStatistics statistics = fixed.statistics();
        return Long.BYTES + PackedFrame.length(fixed.rowCount() - 1, statistics.maxDelta() - statistics.minDelta());
    }

    @Override
    public void encode(BlockValues values, LittleEndianOutput output) {
        FixedWidthValues fixed = (FixedWidthValues) values;
        LongStatistics statistics = fixed.statistics();
        int rows = fixed.rowCount();
        long[] source = fixed.values();
        long[] deltas = new long[rows];
        for (int i = 1; i < rows; i++) {
            deltas[i] = source[i] - source[i - 1];
        }
        output.writeLong(source[0]);
        PackedFrame.write(deltas, 1, rows - 1, statistics.minDelta(), statistics.maxDelta(), output);
    }

    @Override
    public void decode(ByteBuffer payload, int rows, ColumnType type, FieldVector vector, BlockLocation location) {
        long[] values = DecodeScratch.current().values(rows);
        values[0] = payload.getLong();
        PackedFrame.read(payload, rows - 1, values, 1, location, "delta");
        for (int i = 1; i < rows; i++) {
            values[i] += values[i - 1];
        }
        PhysicalType physical = PhysicalType.of(type);
        DecodeChecks.checkFit(physical, values, rows, location);
        ((BaseFixedWidthVector) vector).allocateNew(rows);
        physical.write(values, rows, vector.getDataBuffer());
    }
}
