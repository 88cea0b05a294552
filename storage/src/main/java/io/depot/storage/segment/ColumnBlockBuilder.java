package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.ColumnType;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Collects the values of one column for the block being written, in PLAIN layout, and tracks
 * its zone map. One instance is reused for every block of a segment.
 */
abstract class ColumnBlockBuilder {
    protected final ColumnType type;
    protected final byte[] validity;
    protected int rowCount;
    private int nullCount;

    protected ColumnBlockBuilder(ColumnType type, int blockRows) {
        this.type = requireNonNull(type, "type is null");
        this.validity = new byte[validityLength(blockRows)];
    }

    static ColumnBlockBuilder create(ColumnType type, int blockRows) {
        return switch (type.kind()) {
            case BOOLEAN -> new BooleanBlockBuilder(type, blockRows);
            case INTEGER, DATE -> new IntegralBlockBuilder(type, blockRows, Integer.BYTES);
            case BIGINT, DECIMAL, TIMESTAMP -> new IntegralBlockBuilder(type, blockRows, Long.BYTES);
            case DOUBLE -> new DoubleBlockBuilder(type, blockRows);
            case VARCHAR -> new VarCharBlockBuilder(type, blockRows);
        };
    }

    static int validityLength(int rows) {
        return (rows + 7) >>> 3;
    }

    int rowCount() {
        return rowCount;
    }

    int nullCount() {
        return nullCount;
    }

    /** Appends rows {@code [from, from + count)} of the vector; the block must have room. */
    final void append(FieldVector vector, int from, int count) {
        if (count == 0) {
            return;
        }
        boolean hasNulls = vector.getNullCount() > 0;
        ArrowBuf source = vector.getValidityBuffer();
        for (int i = 0; i < count; i++) {
            int target = rowCount + i;
            if (!hasNulls || BitVectorHelper.get(source, from + i) != 0) {
                validity[target >>> 3] |= (byte) (1 << (target & 7));
            } else {
                nullCount++;
            }
        }
        appendValues(vector, from, count);
        rowCount += count;
    }

    /** The PLAIN bytes of the block: validity bitmap, then the values. */
    final byte[] rawBytes() {
        int validityLength = validityLength(rowCount);
        byte[] raw = new byte[validityLength + valuesLength()];
        System.arraycopy(validity, 0, raw, 0, validityLength);
        copyValues(raw, validityLength);
        return raw;
    }

    /** Forgets the block just written, ready for the next. */
    final void reset() {
        Arrays.fill(validity, 0, validityLength(rowCount), (byte) 0);
        rowCount = 0;
        nullCount = 0;
        resetValues();
    }

    /** Whether row {@code index} of this block (already appended) is non-null. */
    protected final boolean isValid(int index) {
        return (validity[index >>> 3] & (1 << (index & 7))) != 0;
    }

    /** Copies values and updates min/max; validity of the new rows is already set. */
    protected abstract void appendValues(FieldVector vector, int from, int count);

    protected abstract int valuesLength();

    protected abstract void copyValues(byte[] target, int offset);

    protected abstract void resetValues();

    abstract ZoneMap zoneMap();
}
