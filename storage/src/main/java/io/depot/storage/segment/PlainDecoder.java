package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Decodes PLAIN blocks into Arrow vectors. The PLAIN layout is Arrow's own, so decoding is
 * sizing the vector's buffers, filling them with bulk copies (from a decompressed array or
 * straight from the file) and checking VARCHAR offsets; no value is set one by one.
 *
 * <p>Use: {@link #checkLength}, {@link #allocate}, fill the returned buffers in order with the
 * raw bytes, then {@link #finish}.
 */
final class PlainDecoder {
    private PlainDecoder() {}

    /** Null when {@code rawLength} fits a PLAIN block of this type and row count, else the problem. */
    static String checkLength(ColumnType type, int rows, int rawLength) {
        int validityLength = ColumnBlockBuilder.validityLength(rows);
        if (type.kind() == TypeKind.VARCHAR) {
            int minimum = validityLength + (rows + 1) * Integer.BYTES;
            return rawLength >= minimum ? null : "has " + rawLength + " bytes, too few for " + rows + " offsets";
        }
        int expected = validityLength + valuesLength(type, rows);
        return rawLength == expected ? null : "has " + rawLength + " bytes where " + expected + " were expected";
    }

    /**
     * Allocates the vector's buffers for a block whose length passed {@link #checkLength}.
     *
     * @return views of the buffers to fill, in the order their bytes appear in the block
     */
    static List<ByteBuffer> allocate(ColumnType type, int rows, int rawLength, FieldVector vector) {
        int validityLength = ColumnBlockBuilder.validityLength(rows);
        if (type.kind() == TypeKind.VARCHAR) {
            int offsetsLength = (rows + 1) * Integer.BYTES;
            int dataLength = rawLength - validityLength - offsetsLength;
            BaseVariableWidthVector variable = (BaseVariableWidthVector) vector;
            variable.allocateNew(Math.max(dataLength, 1), rows);
            return List.of(
                    view(variable.getValidityBuffer(), validityLength),
                    view(variable.getOffsetBuffer(), offsetsLength),
                    view(variable.getDataBuffer(), dataLength));
        }
        ((BaseFixedWidthVector) vector).allocateNew(rows);
        return List.of(
                view(vector.getValidityBuffer(), validityLength),
                view(vector.getDataBuffer(), valuesLength(type, rows)));
    }

    /**
     * Sets the value count once the buffers are filled and, for VARCHAR, checks the offsets.
     *
     * @return null on success, else what is wrong with the bytes (the caller names file and block)
     */
    static String finish(ColumnType type, int rows, int rawLength, FieldVector vector) {
        if (type.kind() == TypeKind.VARCHAR) {
            int dataLength = rawLength - ColumnBlockBuilder.validityLength(rows) - (rows + 1) * Integer.BYTES;
            String problem = checkOffsets(vector.getOffsetBuffer(), rows, dataLength);
            if (problem != null) {
                return problem;
            }
            // Tell the vector every row is set, or setValueCount would "fill holes" over the offsets.
            ((BaseVariableWidthVector) vector).setLastSet(rows - 1);
        }
        vector.setValueCount(rows);
        return null;
    }

    private static String checkOffsets(ArrowBuf offsets, int rows, int dataLength) {
        int previous = offsets.getInt(0);
        if (previous != 0) {
            return "has a first offset of " + previous;
        }
        for (int i = 1; i <= rows; i++) {
            int next = offsets.getInt((long) i * Integer.BYTES);
            if (next < previous || next > dataLength) {
                return "has offset[" + next + "] out of order or past the data at row " + (i - 1);
            }
            previous = next;
        }
        if (previous != dataLength) {
            return "ends its offsets at " + previous + " but holds " + dataLength + " data bytes";
        }
        return null;
    }

    private static int valuesLength(ColumnType type, int rows) {
        return switch (type.kind()) {
            case BOOLEAN -> ColumnBlockBuilder.validityLength(rows);
            case INTEGER, DATE -> rows * Integer.BYTES;
            case BIGINT, DECIMAL, TIMESTAMP, DOUBLE -> rows * Long.BYTES;
            case VARCHAR -> throw new IllegalArgumentException("VARCHAR has no fixed values length");
        };
    }

    private static ByteBuffer view(ArrowBuf buffer, int length) {
        return length == 0 ? ByteBuffer.allocate(0) : buffer.nioBuffer(0, length);
    }
}
