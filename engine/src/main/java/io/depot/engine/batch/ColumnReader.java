package io.depot.engine.batch;

import io.depot.storage.type.ColumnType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Unpacks Arrow vectors (laid out as {@code ArrowTypes} says) into {@link ColumnData}, reading
 * the buffers directly and only the selected positions.
 */
public final class ColumnReader {
    private ColumnReader() {}

    /**
     * Reads positions {@code selection[0..count)} of the vector, or positions {@code 0..count)}
     * when {@code selection} is null.
     */
    public static ColumnData read(FieldVector vector, ColumnType type, int[] selection, int count) {
        boolean[] nulls = readNulls(vector, selection, count);
        ArrowBuf data = vector.getDataBuffer();
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
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    int position = selection == null ? i : selection[i];
                    values[i] = data.getInt((long) position * Integer.BYTES);
                }
                yield new LongData(values, nulls, count);
            }
            case BIGINT, DECIMAL, TIMESTAMP -> {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    int position = selection == null ? i : selection[i];
                    values[i] = data.getLong((long) position * Long.BYTES);
                }
                yield new LongData(values, nulls, count);
            }
            case DOUBLE -> {
                double[] values = new double[count];
                for (int i = 0; i < count; i++) {
                    int position = selection == null ? i : selection[i];
                    values[i] = data.getDouble((long) position * Double.BYTES);
                }
                yield new DoubleData(values, nulls, count);
            }
            case VARCHAR -> readStrings(vector, nulls, selection, count);
        };
    }

    private static StringData readStrings(FieldVector vector, boolean[] nulls, int[] selection, int count) {
        ArrowBuf offsetBuffer = vector.getOffsetBuffer();
        ArrowBuf data = vector.getDataBuffer();
        int[] offsets = new int[count + 1];
        long total = 0;
        for (int i = 0; i < count; i++) {
            int position = selection == null ? i : selection[i];
            int start = offsetBuffer.getInt((long) position * Integer.BYTES);
            int end = offsetBuffer.getInt((long) (position + 1) * Integer.BYTES);
            total += end - start;
            offsets[i + 1] = Math.toIntExact(total);
        }
        byte[] bytes = new byte[Math.toIntExact(total)];
        if (selection == null && count > 0) {
            int first = offsetBuffer.getInt(0);
            data.getBytes(first, bytes, 0, bytes.length);
        } else {
            for (int i = 0; i < count; i++) {
                int start = offsetBuffer.getInt((long) selection[i] * Integer.BYTES);
                data.getBytes(start, bytes, offsets[i], offsets[i + 1] - offsets[i]);
            }
        }
        return new StringData(offsets, bytes, nulls, count);
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
