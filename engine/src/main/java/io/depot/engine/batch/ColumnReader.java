package io.depot.engine.batch;

import io.depot.storage.type.ColumnType;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * Unpacks Arrow vectors (laid out as {@code ArrowTypes} says) into {@link ColumnData}, reading
 * only the selected positions. Whole buffers are copied in bulk through little-endian NIO views;
 * selected positions are read straight from the buffers' memory ({@link MemoryUtil}), each
 * position checked against the vector's value count once (an NIO or Arrow read per value checks
 * its index again inside every call, which cost more than the read itself).
 */
public final class ColumnReader {
    /** A string selection of at least 1/4 of the vector's rows copies all of its bytes first. */
    private static final int BULK_COPY_SELECTION_DIVISOR = 4;

    private ColumnReader() {}

    /**
     * Reads positions {@code selection[0..count)} of the vector, or positions {@code 0..count)}
     * when {@code selection} is null.
     */
    public static ColumnData read(FieldVector vector, ColumnType type, int[] selection, int count) {
        boolean[] nulls = readNulls(vector, selection, count);
        if (count == 0) {
            return ColumnData.allNull(type, 0);
        }
        ArrowBuf data = vector.getDataBuffer();
        int valueCount = vector.getValueCount();
        return switch (type.kind()) {
            case BOOLEAN -> {
                boolean[] values = new boolean[count];
                long address = data.memoryAddress();
                for (int i = 0; i < count; i++) {
                    int position = position(selection, i, valueCount);
                    values[i] = (MemoryUtil.getByte(address + (position >> 3)) >> (position & 7) & 1) != 0;
                }
                yield new BooleanData(values, nulls, count);
            }
            case INTEGER, DATE -> {
                long address = data.memoryAddress();
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = MemoryUtil.getInt(address + (long) position(selection, i, valueCount) * Integer.BYTES);
                }
                yield new LongData(values, nulls, count);
            }
            case DECIMAL, BIGINT, TIMESTAMP -> {
                if (type.isWideDecimal()) {
                    yield readWideDecimals(data, valueCount, nulls, selection, count);
                }
                long[] values = new long[count];
                if (selection == null) {
                    data.nioBuffer(0, valueCount * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                            .get(values, 0, count);
                } else {
                    long address = data.memoryAddress();
                    for (int i = 0; i < count; i++) {
                        values[i] = MemoryUtil.getLong(address + (long) position(selection, i, valueCount) * Long.BYTES);
                    }
                }
                yield new LongData(values, nulls, count);
            }
            case DOUBLE -> {
                double[] values = new double[count];
                if (selection == null) {
                    data.nioBuffer(0, valueCount * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer()
                            .get(values, 0, count);
                } else {
                    long address = data.memoryAddress();
                    for (int i = 0; i < count; i++) {
                        values[i] = Double.longBitsToDouble(
                                MemoryUtil.getLong(address + (long) position(selection, i, valueCount) * Double.BYTES));
                    }
                }
                yield new DoubleData(values, nulls, count);
            }
            case VARCHAR -> readStrings(vector, nulls, selection, count);
        };
    }

    /** Arrow's 16-byte little-endian decimals as the engine's 16-byte keys (see WideDecimals). */
    private static StringData readWideDecimals(ArrowBuf data, int valueCount, boolean[] nulls, int[] selection,
            int count) {
        long address = data.memoryAddress();
        byte[] keys = new byte[count * WideDecimals.WIDTH];
        for (int i = 0; i < count; i++) {
            long value = address + (long) position(selection, i, valueCount) * WideDecimals.WIDTH;
            WideDecimals.put(keys, i * WideDecimals.WIDTH, MemoryUtil.getLong(value + Long.BYTES), MemoryUtil.getLong(value));
        }
        return WideDecimals.of(keys, nulls, count);
    }

    private static IntBuffer intView(ArrowBuf buffer, int length) {
        return buffer.nioBuffer(0, length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    }

    private static StringData readStrings(FieldVector vector, boolean[] nulls, int[] selection, int count) {
        IntBuffer offsetBuffer = intView(vector.getOffsetBuffer(), vector.getValueCount() + 1);
        ArrowBuf data = vector.getDataBuffer();
        int[] offsets = new int[count + 1];
        if (selection == null) {
            int first = offsetBuffer.get(0);
            offsetBuffer.get(0, offsets, 0, count + 1);
            for (int i = 0; i <= count; i++) {
                offsets[i] -= first;
            }
            byte[] bytes = new byte[offsets[count]];
            data.getBytes(first, bytes, 0, bytes.length);
            return new StringData(offsets, bytes, nulls, count);
        }
        int valueCount = vector.getValueCount();
        long offsetAddress = vector.getOffsetBuffer().memoryAddress();
        long total = 0;
        for (int i = 0; i < count; i++) {
            long position = offsetAddress + (long) position(selection, i, valueCount) * Integer.BYTES;
            total += MemoryUtil.getInt(position + Integer.BYTES) - MemoryUtil.getInt(position);
            offsets[i + 1] = Math.toIntExact(total);
        }
        byte[] bytes = new byte[Math.toIntExact(total)];
        if (count >= valueCount / BULK_COPY_SELECTION_DIVISOR) {
            // One bulk copy of the vector's bytes, then heap-to-heap copies: Arrow's per-call
            // checks cost more than the copy for the short strings of typical keys and flags.
            int first = offsetBuffer.get(0);
            byte[] all = new byte[offsetBuffer.get(valueCount) - first];
            data.getBytes(first, all, 0, all.length);
            for (int i = 0; i < count; i++) {
                int start = MemoryUtil.getInt(offsetAddress + (long) selection[i] * Integer.BYTES);
                System.arraycopy(all, start - first, bytes, offsets[i], offsets[i + 1] - offsets[i]);
            }
        } else {
            for (int i = 0; i < count; i++) {
                int start = MemoryUtil.getInt(offsetAddress + (long) selection[i] * Integer.BYTES);
                data.getBytes(start, bytes, offsets[i], offsets[i + 1] - offsets[i]);
            }
        }
        return new StringData(offsets, bytes, nulls, count);
    }

    /**
     * Reads a VARCHAR vector's positions {@code selection[0..count)} (null: {@code 0..count)}) in
     * {@link ShortStrings}' packed form, or returns null when a non-NULL one is longer than
     * {@link ShortStrings#MAX_BYTES}: group keys then skip the string copy altogether. Each value
     * is one 8-byte load from the vector's memory; the bytes are not copied.
     */
    public static LongData readShortStrings(FieldVector vector, int[] selection, int count) {
        if (count == 0) {
            return new LongData(new long[0], null, 0);
        }
        boolean[] nulls = readNulls(vector, selection, count);
        int valueCount = vector.getValueCount();
        long offsetAddress = vector.getOffsetBuffer().memoryAddress();
        ArrowBuf data = vector.getDataBuffer();
        long dataAddress = data.memoryAddress();
        long limit = data.capacity();
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            long offset = offsetAddress + (long) position(selection, i, valueCount) * Integer.BYTES;
            int start = MemoryUtil.getInt(offset);
            int length = MemoryUtil.getInt(offset + Integer.BYTES) - start;
            if (length > ShortStrings.MAX_BYTES) {
                if (nulls == null || !nulls[i]) {
                    return null;
                }
                continue;
            }
            if (start < 0 || length < 0 || start + length > limit) {
                throw new IllegalStateException("string offsets [" + start + ", " + (start + length)
                        + ") lie outside the vector's " + limit + " bytes");
            }
            long word;
            if (start + Long.BYTES <= limit) {
                word = MemoryUtil.getLong(dataAddress + start);
            } else {
                // the buffer's last bytes: no 8-byte load fits
                word = 0;
                for (int b = length - 1; b >= 0; b--) {
                    word = word << 8 | (MemoryUtil.getByte(dataAddress + start + b) & 0xFF);
                }
            }
            values[i] = ShortStrings.fromWord(word, length);
        }
        return new LongData(values, nulls, count);
    }

    private static boolean[] readNulls(FieldVector vector, int[] selection, int count) {
        if (vector.getNullCount() == 0) {
            return null;
        }
        long validity = vector.getValidityBuffer().memoryAddress();
        int valueCount = vector.getValueCount();
        boolean[] nulls = new boolean[count];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            int position = position(selection, i, valueCount);
            nulls[i] = (MemoryUtil.getByte(validity + (position >> 3)) >> (position & 7) & 1) == 0;
            any |= nulls[i];
        }
        return any ? nulls : null;
    }

    /**
     * The vector position of output row {@code i}: {@code selection[i]}, or {@code i} without a
     * selection, checked to lie within the vector's values so no unchecked read leaves its memory.
     */
    private static int position(int[] selection, int i, int valueCount) {
        return Objects.checkIndex(selection == null ? i : selection[i], valueCount);
    }
}
