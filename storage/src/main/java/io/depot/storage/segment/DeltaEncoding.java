package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.nio.ByteBuffer;
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
        FixedWidthWriter writer = new FixedWidthWriter(vector, PhysicalType.of(type), rows, location);
        long[] chunk = DecodeScratch.current().chunk();
        chunk[0] = payload.getLong();
        long reference = payload.getLong();
        int width = DecodeChecks.readWidth(payload, location, "delta");
        for (int row = 0; row < rows; row += FixedWidthWriter.CHUNK_ROWS) {
            // chunk[0] holds this chunk's first row; the deltas after it give the others and, in
            // chunk[CHUNK_ROWS], the next chunk's first row. Delta chunks stay whole multiples of
            // 64 values, so each one starts on a packed word.
            int deltas = Math.min(FixedWidthWriter.CHUNK_ROWS, rows - 1 - row);
            BitPacking.unpack(payload, deltas, width, reference, chunk, 1);
            for (int i = 1; i <= deltas; i++) {
                chunk[i] += chunk[i - 1];
            }
            writer.write(chunk, Math.min(FixedWidthWriter.CHUNK_ROWS, rows - row));
            chunk[0] = chunk[FixedWidthWriter.CHUNK_ROWS];
        }
    }
}
