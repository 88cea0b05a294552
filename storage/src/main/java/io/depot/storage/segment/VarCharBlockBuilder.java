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
    /** The block's values once asked for, so encoding, sketch and bounds share one dictionary. */
    private VarCharValues current;

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
        // A NULL row may still own bytes in Arrow; keep them so offsets stay a plain copy.
        int shift = dataLength - sourceStart;
        for (int i = 1; i <= count; i++) {
            offsets[rowCount + i] = sourceOffsets.getInt((long) (from + i) * OFFSET_WIDTH) + shift;
        }
    }

    private void ensureDataCapacity(int needed) {
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
    }

    @Override
    protected void addDistinctValues(HyperLogLog sketch) {
        SortedDictionary dictionary = values().dictionary();
        if (dictionary != null) { // each distinct value once: the sketch ignores repeats anyway
            int[] entryOffsets = dictionary.entryOffsets();
            for (int entry = 0; entry < dictionary.entryCount(); entry++) {
                sketch.addBytes(dictionary.entryBytes(), entryOffsets[entry], entryOffsets[entry + 1]);
            }
            return;
        }
        for (int row = 0; row < rowCount; row++) {
            if (isValid(row)) {
                sketch.addBytes(data, offsets[row], offsets[row + 1]);
            }
        }
    }

    @Override
    VarCharValues values() {
        if (current == null || current.rowCount() != rowCount) {
            current = new VarCharValues(offsets, data, validity, rowCount, nullCount());
        }
        return current;
    }

    @Override
    protected void resetValues() {
        offsets[0] = 0;
        current = null;
    }

    /**
     * The smallest and largest non-null values: the first and last dictionary entries when the
     * block has a dictionary, otherwise found by comparing every row.
     */
    @Override
    ZoneMap zoneMap() {
        VarCharValues values = values();
        if (!values.hasNonNull()) {
            return new ZoneMap(null, null, nullCount());
        }
        SortedDictionary dictionary = values.dictionary();
        if (dictionary != null) {
            int[] entryOffsets = dictionary.entryOffsets();
            int last = dictionary.entryCount() - 1;
            return new ZoneMap(text(dictionary.entryBytes(), entryOffsets[0], entryOffsets[1]),
                    text(dictionary.entryBytes(), entryOffsets[last], entryOffsets[last + 1]), nullCount());
        }
        int minRow = -1;
        int maxRow = -1;
        for (int row = 0; row < rowCount; row++) {
            if (!values.isValid(row)) {
                continue;
            }
            if (minRow < 0) {
                minRow = row;
                maxRow = row;
            } else if (compareRows(row, minRow) < 0) {
                minRow = row;
            } else if (compareRows(row, maxRow) > 0) {
                maxRow = row;
            }
        }
        return new ZoneMap(text(data, offsets[minRow], offsets[minRow + 1]),
                text(data, offsets[maxRow], offsets[maxRow + 1]), nullCount());
    }

    private int compareRows(int left, int right) {
        return Arrays.compareUnsigned(data, offsets[left], offsets[left + 1], data, offsets[right], offsets[right + 1]);
    }

    private static String text(byte[] bytes, int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }
}
