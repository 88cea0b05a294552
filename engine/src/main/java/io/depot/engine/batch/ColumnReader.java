package io.depot.engine.batch;

import io.depot.storage.type.ColumnType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Unpacks Arrow vectors (laid out as {@code ArrowTypes} says) into {@link ColumnData}, reading
 * only the selected positions. Buffers are read through little-endian NIO views of the Arrow
 * memory, which copy in bulk when every row is read and avoid Arrow's per-call checks otherwise.
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
                for (int i = 0; i < count; i++) {
                    int position = selection == null ? i : selection[i];
                    values[i] = BitVectorHelper.get(data, position) != 0;
                }
                yield new BooleanData(values, nulls, count);
            }
            case INTEGER, DATE -> {
                IntBuffer buffer = intView(data, valueCount);
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = buffer.get(selection == null ? i : selection[i]);
                }
                yield new LongData(values, nulls, count);
            }
            case DECIMAL, BIGINT, TIMESTAMP -> {
                if (type.isWideDecimal()) {
                    yield readWideDecimals(data, valueCount, nulls, selection, count);
                }
                LongBuffer buffer = data.nioBuffer(0, valueCount * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
                long[] values = new long[count];
                if (selection == null) {
                    buffer.get(values, 0, count);
                } else {
                    for (int i = 0; i < count; i++) {
                        values[i] = buffer.get(selection[i]);
                    }
                }
                yield new LongData(values, nulls, count);
            }
            case DOUBLE -> {
                DoubleBuffer buffer = data.nioBuffer(0, valueCount * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
                double[] values = new double[count];
                if (selection == null) {
                    buffer.get(values, 0, count);
                } else {
                    for (int i = 0; i < count; i++) {
                        values[i] = buffer.get(selection[i]);
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
        LongBuffer buffer = data.nioBuffer(0, valueCount * WideDecimals.WIDTH).order(ByteOrder.LITTLE_ENDIAN)
                .asLongBuffer();
        byte[] keys = new byte[count * WideDecimals.WIDTH];
        for (int i = 0; i < count; i++) {
            int position = selection == null ? i : selection[i];
            WideDecimals.put(keys, i * WideDecimals.WIDTH, buffer.get(2 * position + 1), buffer.get(2 * position));
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
        long total = 0;
        for (int i = 0; i < count; i++) {
            int position = selection[i];
            total += offsetBuffer.get(position + 1) - offsetBuffer.get(position);
            offsets[i + 1] = Math.toIntExact(total);
        }
        byte[] bytes = new byte[Math.toIntExact(total)];
        int valueCount = vector.getValueCount();
        if (count >= valueCount / BULK_COPY_SELECTION_DIVISOR) {
            // One bulk copy of the vector's bytes, then heap-to-heap copies: Arrow's per-call
            // checks cost more than the copy for the short strings of typical keys and flags.
            int first = offsetBuffer.get(0);
            byte[] all = new byte[offsetBuffer.get(valueCount) - first];
            data.getBytes(first, all, 0, all.length);
            for (int i = 0; i < count; i++) {
                System.arraycopy(all, offsetBuffer.get(selection[i]) - first, bytes, offsets[i], offsets[i + 1] - offsets[i]);
            }
        } else {
            for (int i = 0; i < count; i++) {
                int start = offsetBuffer.get(selection[i]);
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
        IntBuffer offsetBuffer = intView(vector.getOffsetBuffer(), valueCount + 1);
        int[] offsets;
        if (count >= valueCount / BULK_COPY_SELECTION_DIVISOR) {
            // one bulk copy beats a checked buffer read per row
            offsets = new int[valueCount + 1];
            offsetBuffer.get(0, offsets, 0, valueCount + 1);
        } else {
            offsets = null;
        }
        ArrowBuf data = vector.getDataBuffer();
        ByteBuffer bytes = data.nioBuffer(0, (int) data.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        int limit = bytes.limit();
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            int position = selection == null ? i : selection[i];
            int start = offsets != null ? offsets[position] : offsetBuffer.get(position);
            int length = (offsets != null ? offsets[position + 1] : offsetBuffer.get(position + 1)) - start;
            if (length > ShortStrings.MAX_BYTES) {
                if (nulls == null || !nulls[i]) {
                    return null;
                }
                continue;
            }
            long word;
            if (start + Long.BYTES <= limit) {
                word = bytes.getLong(start);
            } else {
                // the buffer's last bytes: no 8-byte load fits
                word = 0;
                for (int b = length - 1; b >= 0; b--) {
                    word = word << 8 | (bytes.get(start + b) & 0xFF);
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
        ArrowBuf validity = vector.getValidityBuffer();
        boolean[] nulls = new boolean[count];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            int position = selection == null ? i : selection[i];
            nulls[i] = BitVectorHelper.get(validity, position) == 0;
            any |= nulls[i];
        }
        return any ? nulls : null;
    }
}
