package io.depot.engine.batch;

import io.depot.storage.type.ColumnType;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Packs {@link ColumnData} into an empty Arrow vector of the matching type (see
 * {@code ArrowTypes}), writing the buffers in bulk through little-endian NIO views, or value by
 * value straight into the memory the vector allocated for its rows ({@link MemoryUtil}: no
 * per-call index checks; positions are checked against the row count once each).
 */
public final class ColumnWriter {
    private ColumnWriter() {}

    /** Fills {@code vector}, which must be empty, with all rows of {@code data}. */
    public static void write(ColumnData data, ColumnType type, FieldVector vector) {
        int size = data.size();
        switch (type.kind()) {
            case BOOLEAN -> {
                BitVector target = (BitVector) vector;
                target.allocateNew(size);
                boolean[] values = ((BooleanData) data).values();
                ArrowBuf buffer = target.getDataBuffer();
                for (int i = 0; i < size; i++) {
                    if (values[i]) {
                        BitVectorHelper.setBit(buffer, i);
                    }
                }
            }
            case INTEGER, DATE -> {
                BaseFixedWidthVector target = (BaseFixedWidthVector) vector;
                target.allocateNew(size);
                long[] values = ((LongData) data).values();
                long address = target.getDataBuffer().memoryAddress();
                for (int i = 0; i < size; i++) {
                    MemoryUtil.putInt(address + (long) i * Integer.BYTES, (int) values[i]);
                }
            }
            case BIGINT, DECIMAL, TIMESTAMP -> {
                BaseFixedWidthVector target = (BaseFixedWidthVector) vector;
                target.allocateNew(size);
                if (type.isWideDecimal()) {
                    writeWideDecimals((StringData) data, target.getDataBuffer());
                    break;
                }
                target.getDataBuffer().nioBuffer(0, size * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                        .put(((LongData) data).values(), 0, size);
            }
            case DOUBLE -> {
                BaseFixedWidthVector target = (BaseFixedWidthVector) vector;
                target.allocateNew(size);
                target.getDataBuffer().nioBuffer(0, size * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer()
                        .put(((DoubleData) data).values(), 0, size);
            }
            case VARCHAR -> writeStrings((StringData) data, (VarCharVector) vector);
        }
        setValidity(vector.getValidityBuffer(), data.nulls(), size);
        vector.setValueCount(size);
    }

    /**
     * Fills {@code vector}, which must be empty, with {@code rows} rows of which positions
     * {@code positions[i]} (ascending) hold row {@code i} of {@code data}; the other rows hold
     * unspecified values. Lets an operator hand on a batch with its input's selection instead of compacting it.
     */
    public static void writeAt(ColumnData data, ColumnType type, FieldVector vector, int[] positions, int rows) {
        int size = data.size();
        switch (type.kind()) {
            case BOOLEAN -> {
                BitVector target = (BitVector) vector;
                target.allocateNew(rows);
                boolean[] values = ((BooleanData) data).values();
                ArrowBuf buffer = target.getDataBuffer();
                for (int i = 0; i < size; i++) {
                    int position = Objects.checkIndex(positions[i], rows);
                    if (values[i]) {
                        BitVectorHelper.setBit(buffer, position);
                    }
                }
            }
            case INTEGER, DATE -> {
                BaseFixedWidthVector target = (BaseFixedWidthVector) vector;
                target.allocateNew(rows);
                long[] values = ((LongData) data).values();
                long address = target.getDataBuffer().memoryAddress();
                for (int i = 0; i < size; i++) {
                    MemoryUtil.putInt(address + (long) Objects.checkIndex(positions[i], rows) * Integer.BYTES,
                            (int) values[i]);
                }
            }
            case BIGINT, DECIMAL, TIMESTAMP -> {
                BaseFixedWidthVector target = (BaseFixedWidthVector) vector;
                target.allocateNew(rows);
                if (type.isWideDecimal()) {
                    StringData keys = (StringData) data;
                    LongBuffer buffer = target.getDataBuffer().nioBuffer(0, rows * WideDecimals.WIDTH)
                            .order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
                    for (int i = 0; i < size; i++) {
                        if (keys.length(i) == WideDecimals.WIDTH) {
                            buffer.put(2 * positions[i], WideDecimals.low(keys, i));
                            buffer.put(2 * positions[i] + 1, WideDecimals.high(keys, i));
                        }
                    }
                    break;
                }
                long[] values = ((LongData) data).values();
                long address = target.getDataBuffer().memoryAddress();
                for (int i = 0; i < size; i++) {
                    MemoryUtil.putLong(address + (long) Objects.checkIndex(positions[i], rows) * Long.BYTES, values[i]);
                }
            }
            case DOUBLE -> {
                BaseFixedWidthVector target = (BaseFixedWidthVector) vector;
                target.allocateNew(rows);
                double[] values = ((DoubleData) data).values();
                long address = target.getDataBuffer().memoryAddress();
                for (int i = 0; i < size; i++) {
                    MemoryUtil.putLong(address + (long) Objects.checkIndex(positions[i], rows) * Double.BYTES,
                            Double.doubleToRawLongBits(values[i]));
                }
            }
            case VARCHAR -> writeStringsAt((StringData) data, (VarCharVector) vector, positions, rows);
        }
        // Rows between the positions are marked valid: they are never read (the batch's selection
        // skips them), and a vector without NULLs lets its readers skip the validity bitmap.
        setValidity(vector.getValidityBuffer(), null, rows);
        boolean[] nulls = data.nulls();
        if (nulls != null) {
            for (int i = 0; i < size; i++) {
                if (nulls[i]) {
                    BitVectorHelper.unsetBit(vector.getValidityBuffer(), positions[i]);
                }
            }
        }
        vector.setValueCount(rows);
    }

    /** Strings at positions, the rows between them empty; the bytes stay in order, so they copy in one piece. */
    private static void writeStringsAt(StringData strings, VarCharVector target, int[] positions, int rows) {
        int size = strings.size();
        int[] offsets = strings.offsets();
        int first = offsets[0];
        int byteCount = offsets[size] - first;
        target.allocateNew(Math.max(1, byteCount), rows);
        target.getDataBuffer().setBytes(0, strings.bytes(), first, byteCount);
        IntBuffer offsetBuffer = intView(target.getOffsetBuffer(), rows + 1);
        int next = 0;
        int end = 0;
        offsetBuffer.put(0, 0);
        for (int row = 0; row < rows; row++) {
            if (next < size && positions[next] == row) {
                end += offsets[next + 1] - offsets[next];
                next++;
            }
            offsetBuffer.put(row + 1, end);
        }
        target.setLastSet(rows - 1);
    }

    /** The engine's 16-byte keys as Arrow's 16-byte little-endian decimals. */
    private static void writeWideDecimals(StringData keys, ArrowBuf target) {
        int size = keys.size();
        LongBuffer buffer = target.nioBuffer(0, size * WideDecimals.WIDTH).order(ByteOrder.LITTLE_ENDIAN)
                .asLongBuffer();
        for (int i = 0; i < size; i++) {
            if (keys.length(i) == WideDecimals.WIDTH) {
                buffer.put(2 * i, WideDecimals.low(keys, i));
                buffer.put(2 * i + 1, WideDecimals.high(keys, i));
            }
        }
    }

    private static void writeStrings(StringData strings, VarCharVector target) {
        int size = strings.size();
        int[] offsets = strings.offsets();
        int first = offsets[0];
        int byteCount = offsets[size] - first;
        target.allocateNew(Math.max(1, byteCount), size);
        target.getDataBuffer().setBytes(0, strings.bytes(), first, byteCount);
        IntBuffer offsetBuffer = intView(target.getOffsetBuffer(), size + 1);
        for (int i = 0; i <= size; i++) {
            offsetBuffer.put(i, offsets[i] - first);
        }
        // Every offset is written: keep setValueCount from treating rows as unset holes.
        target.setLastSet(size - 1);
    }

    private static IntBuffer intView(ArrowBuf buffer, int length) {
        return buffer.nioBuffer(0, length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    }

    /** Marks every row valid except the NULL ones (the buffer starts all zero, i.e. all NULL). */
    private static void setValidity(ArrowBuf validity, boolean[] nulls, int size) {
        int fullBytes = size / 8;
        validity.setOne(0L, (long) fullBytes);
        for (int i = fullBytes * 8; i < size; i++) {
            BitVectorHelper.setBit(validity, i);
        }
        if (nulls != null) {
            for (int i = 0; i < size; i++) {
                if (nulls[i]) {
                    BitVectorHelper.unsetBit(validity, i);
                }
            }
        }
    }
}
