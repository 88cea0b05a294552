package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/** Values of a fixed byte width, copied in bulk from the Arrow data buffer. */
abstract class FixedWidthBlockBuilder extends ColumnBlockBuilder {
    private final int width;
    private final byte[] values;

    protected FixedWidthBlockBuilder(ColumnType type, int blockRows, int width) {
        super(type, blockRows);
        this.width = width;
        this.values = new byte[blockRows * width];
    }

    @Override
    protected final void appendValues(FieldVector vector, int from, int count) {
        ArrowBuf source = vector.getDataBuffer();
        source.getBytes((long) from * width, values, rowCount * width, count * width);
        updateBounds(source, from, count);
    }

    /** Widens min/max by the non-null values among source rows {@code [from, from + count)}. */
    protected abstract void updateBounds(ArrowBuf source, int from, int count);

    @Override
    protected final int valuesLength() {
        return rowCount * width;
    }

    @Override
    protected final void copyValues(byte[] target, int offset) {
        System.arraycopy(values, 0, target, offset, valuesLength());
    }
}
