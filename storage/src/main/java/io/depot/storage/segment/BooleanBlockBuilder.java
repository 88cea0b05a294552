package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** BOOLEAN values as a bitmap, like Arrow's BitVector. */
final class BooleanBlockBuilder extends ColumnBlockBuilder {
    private final byte[] values;
    private boolean seenTrue;
    private boolean seenFalse;

    BooleanBlockBuilder(ColumnType type, int blockRows) {
        super(type, blockRows);
        this.values = new byte[validityLength(blockRows)];
    }

    @Override
    protected void appendValues(FieldVector vector, int from, int count) {
        ArrowBuf source = vector.getDataBuffer();
        for (int i = 0; i < count; i++) {
            int target = rowCount + i;
            if (!isValid(target)) {
                continue;
            }
            if (BitVectorHelper.get(source, from + i) != 0) {
                values[target >>> 3] |= (byte) (1 << (target & 7));
                seenTrue = true;
            } else {
                seenFalse = true;
            }
        }
    }

    @Override
    protected int valuesLength() {
        return validityLength(rowCount);
    }

    @Override
    protected void copyValues(byte[] target, int offset) {
        System.arraycopy(values, 0, target, offset, valuesLength());
    }

    @Override
    protected void resetValues() {
        Arrays.fill(values, (byte) 0);
        seenTrue = false;
        seenFalse = false;
    }

    @Override
    ZoneMap zoneMap() {
        if (!seenTrue && !seenFalse) {
            return new ZoneMap(null, null, nullCount());
        }
        return new ZoneMap(!seenFalse, seenTrue, nullCount());
    }
}
