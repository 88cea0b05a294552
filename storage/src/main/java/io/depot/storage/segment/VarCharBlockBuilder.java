package io.depot.storage.segment;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.statistics.HyperLogLog;
import io.depot.storage.type.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * VARCHAR values as Arrow lays them out: {@code rows + 1} 32-bit offsets, then the UTF-8 bytes.
 * Bounds compare the UTF-8 bytes unsigned, which orders strings by code point.
 */
final class VarCharBlockBuilder extends ColumnBlockBuilder {
    private static final int OFFSET_WIDTH = Integer.BYTES;
    /** Keeps the block, its offsets and its compressed form within Java array sizes. */
    private static final long MAX_TEXT_BYTES = 1L << 30;

    private final int[] offsets;
    private byte[] data = new byte[1 << 16];
    private int minStart = -1;
    private int minEnd;
    private int maxStart;
    private int maxEnd;

    VarCharBlockBuilder(ColumnType type, int blockRows) {
        super(type, blockRows);
        this.offsets = new int[blockRows + 1];
    }

    @Override
    protected void appendValues(FieldVector vector, int from, int count) {
        ArrowBuf sourceOffsets = vector.getOffsetBuffer();
        int sourceStart = sourceOffsets.getInt((long) from * OFFSET_WIDTH);
        int sourceEnd = sourceOffsets.getInt((long) (from + count) * OFFSET_WIDTH);
        int dataLength = offsets[rowCount];
        long needed = (long) dataLength + sourceEnd - sourceStart;
        if (needed > MAX_TEXT_BYTES) {
            throw new DepotException(ErrorCode.RESOURCE, "A VARCHAR block would hold more than "
                    + MAX_TEXT_BYTES + " bytes of text; Depot's blocks are limited to that");
        }
        ensureDataCapacity((int) needed);
        vector.getDataBuffer().getBytes(sourceStart, data, dataLength, sourceEnd - sourceStart);
        for (int i = 0; i < count; i++) {
            int target = rowCount + i;
            int start = offsets[target];
            int end = dataLength + sourceOffsets.getInt((long) (from + i + 1) * OFFSET_WIDTH) - sourceStart;
            // A NULL row may still own bytes in Arrow; keep them so offsets stay a plain copy.
            offsets[target + 1] = end;
            if (isValid(target)) {
                updateBounds(start, end);
            }
        }
    }

    private void updateBounds(int start, int end) {
        if (minStart < 0) {
            minStart = start;
            minEnd = end;
            maxStart = start;
            maxEnd = end;
        } else if (Arrays.compareUnsigned(data, start, end, data, minStart, minEnd) < 0) {
            minStart = start;
            minEnd = end;
        } else if (Arrays.compareUnsigned(data, start, end, data, maxStart, maxEnd) > 0) {
            maxStart = start;
            maxEnd = end;
        }
    }

    private void ensureDataCapacity(int needed) {
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
    }

    @Override
    protected void addDistinctValues(HyperLogLog sketch) {
        for (int row = 0; row < rowCount; row++) {
            if (isValid(row)) {
                sketch.addBytes(data, offsets[row], offsets[row + 1]);
            }
        }
    }

    @Override
    BlockValues values() {
        return new VarCharValues(offsets, data, validity, rowCount, nullCount());
    }

    @Override
    protected void resetValues() {
        offsets[0] = 0;
        minStart = -1;
    }

    @Override
    ZoneMap zoneMap() {
        if (minStart < 0) {
            return new ZoneMap(null, null, nullCount());
        }
        return new ZoneMap(
                new String(data, minStart, minEnd - minStart, StandardCharsets.UTF_8),
                new String(data, maxStart, maxEnd - maxStart, StandardCharsets.UTF_8),
                nullCount());
    }
}
