package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Decodes PLAIN block bytes into an empty Arrow vector with bulk copies: the layout on disk is
 * Arrow's own, so no value is touched one by one except VARCHAR offsets, which are checked.
 */
final class PlainDecoder {
    private PlainDecoder() {}

    /**
     * Fills {@code vector} with {@code rows} values.
     *
     * @return null on success, else what is wrong with the bytes (the caller names file and block)
     */
    static String decode(ColumnType type, byte[] raw, int rows, FieldVector vector) {
        int validityLength = ColumnBlockBuilder.validityLength(rows);
        return switch (type.kind()) {
            case BOOLEAN -> decodeFixed(raw, rows, validityLength, validityLength, vector);
            case INTEGER, DATE -> decodeFixed(raw, rows, validityLength, rows * Integer.BYTES, vector);
            case BIGINT, DECIMAL, TIMESTAMP -> decodeFixed(raw, rows, validityLength, rows * Long.BYTES, vector);
            case DOUBLE -> decodeFixed(raw, rows, validityLength, rows * Double.BYTES, vector);
            case VARCHAR -> decodeVariable(raw, rows, validityLength, (BaseVariableWidthVector) vector);
        };
    }

    private static String decodeFixed(byte[] raw, int rows, int validityLength, int valuesLength, FieldVector vector) {
        if (raw.length != validityLength + valuesLength) {
            return "has " + raw.length + " bytes where " + (validityLength + valuesLength) + " were expected";
        }
        ((BaseFixedWidthVector) vector).allocateNew(rows);
        vector.getValidityBuffer().setBytes(0, raw, 0, validityLength);
        vector.getDataBuffer().setBytes(0, raw, validityLength, valuesLength);
        vector.setValueCount(rows);
        return null;
    }

    private static String decodeVariable(byte[] raw, int rows, int validityLength, BaseVariableWidthVector vector) {
        int offsetsLength = (rows + 1) * Integer.BYTES;
        if (raw.length < validityLength + offsetsLength) {
            return "has " + raw.length + " bytes, too few for " + rows + " offsets";
        }
        int dataStart = validityLength + offsetsLength;
        int dataLength = raw.length - dataStart;
        ByteBuffer offsets = ByteBuffer.wrap(raw, validityLength, offsetsLength).order(ByteOrder.LITTLE_ENDIAN);
        int previous = offsets.getInt();
        if (previous != 0) {
            return "has a first offset of " + previous;
        }
        for (int i = 0; i < rows; i++) {
            int next = offsets.getInt();
            if (next < previous || next > dataLength) {
                return "has offset[" + next + "] out of order or past the data at row " + i;
            }
            previous = next;
        }
        if (previous != dataLength) {
            return "ends its offsets at " + previous + " but holds " + dataLength + " data bytes";
        }
        vector.allocateNew(Math.max(dataLength, 1), rows);
        vector.getValidityBuffer().setBytes(0, raw, 0, validityLength);
        vector.getOffsetBuffer().setBytes(0, raw, validityLength, offsetsLength);
        vector.getDataBuffer().setBytes(0, raw, dataStart, dataLength);
        // Tell the vector every row is set, or setValueCount would "fill holes" over our offsets.
        vector.setLastSet(rows - 1);
        vector.setValueCount(rows);
        return null;
    }
}
