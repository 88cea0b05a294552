package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads uncompressed PLAIN blocks from the file straight into an Arrow vector's buffers: the
 * PLAIN layout is Arrow's own, so decoding is sizing the buffers, filling them with positional
 * reads and checking VARCHAR offsets; no value is touched one by one.
 *
 * <p>Use: {@link #checkLength}, {@link #allocate}, fill the returned buffers in order with the
 * raw bytes, then {@link #checkOffsets} for VARCHAR.
 */
final class PlainDecoder {
    private PlainDecoder() {}

    /**
     * Null when {@code rawLength} fits a PLAIN block of this type and row count whose validity
     * bitmap takes {@code validityLength} bytes (0 when it has no NULLs), else the problem.
     */
    static String checkLength(ColumnType type, int rows, int validityLength, int rawLength) {
        if (type.kind() == TypeKind.VARCHAR) {
            long minimum = validityLength + (long) (rows + 1) * Integer.BYTES;
            return rawLength >= minimum ? null : "has " + rawLength + " bytes, too few for " + rows + " offsets";
        }
        long expected = validityLength + (long) PhysicalType.of(type).plainLength(rows);
        return rawLength == expected ? null : "has " + rawLength + " bytes where " + expected + " were expected";
    }

    /**
     * Allocates the vector's buffers for a block whose length passed {@link #checkLength}.
     *
     * @return views of the buffers to fill, in the order their bytes appear in the block
     */
    static List<ByteBuffer> allocate(ColumnType type, int rows, int validityLength, int rawLength,
            FieldVector vector) {
        List<ByteBuffer> targets = new ArrayList<>(3);
        if (type.kind() == TypeKind.VARCHAR) {
            int offsetsLength = (rows + 1) * Integer.BYTES;
            int dataLength = rawLength - validityLength - offsetsLength;
            BaseVariableWidthVector variable = (BaseVariableWidthVector) vector;
            variable.allocateNew(Math.max(dataLength, 1), rows);
            addView(targets, variable.getValidityBuffer(), validityLength);
            addView(targets, variable.getOffsetBuffer(), offsetsLength);
            addView(targets, variable.getDataBuffer(), dataLength);
            return targets;
        }
        ((BaseFixedWidthVector) vector).allocateNew(rows);
        addView(targets, vector.getValidityBuffer(), validityLength);
        addView(targets, vector.getDataBuffer(), PhysicalType.of(type).plainLength(rows));
        return targets;
    }

    /** Null when the offsets start at 0, never decrease and end at {@code dataLength}; else the problem. */
    static String checkOffsets(ArrowBuf offsets, int rows, int dataLength) {
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

    private static void addView(List<ByteBuffer> targets, ArrowBuf buffer, int length) {
        if (length > 0) {
            targets.add(buffer.nioBuffer(0, length));
        }
    }
}
