package io.depot.engine.batch;

import io.depot.storage.segment.BlockDictionary;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * VARCHAR values as UTF-8: row {@code i} is {@code bytes[offsets[i] .. offsets[i + 1])}, the
 * layout of Arrow's VarCharVector, so rows compare by unsigned bytes (code point order).
 */
public record StringData(int[] offsets, byte[] bytes, boolean[] nulls, int size) implements ColumnData {
    private static final int SHORT_STRING_BYTES = 16;

    /**
     * A dictionary block's entries followed by one NULL row, so that every code the block's rows
     * carry (NULL rows carry {@link BlockDictionary#entryCount()}) is a row here.
     */
    public static StringData dictionaryEntries(BlockDictionary dictionary) {
        int entries = dictionary.entryCount();
        int[] offsets = Arrays.copyOf(dictionary.entryOffsets(), entries + 2);
        offsets[entries + 1] = offsets[entries];
        boolean[] nulls = new boolean[entries + 1];
        nulls[entries] = true;
        return new StringData(offsets, dictionary.entryBytes(), nulls, entries + 1);
    }

    public int start(int row) {
        return offsets[row];
    }

    public int length(int row) {
        return offsets[row + 1] - offsets[row];
    }

    /** Row {@code row} decoded; for edges such as casts and error messages, not for loops. */
    public String string(int row) {
        return new String(bytes, offsets[row], length(row), StandardCharsets.UTF_8);
    }

    /** A copy of the bytes of row {@code row}. */
    public byte[] copyBytes(int row) {
        return Arrays.copyOfRange(bytes, offsets[row], offsets[row + 1]);
    }

    /** Compares row {@code row} of this with row {@code otherRow} of {@code other} by unsigned bytes. */
    public int compare(int row, StringData other, int otherRow) {
        return compareBytes(bytes, offsets[row], offsets[row + 1],
                other.bytes, other.offsets[otherRow], other.offsets[otherRow + 1]);
    }

    /** Unsigned byte order of two ranges; a plain loop for the short strings typical of keys. */
    public static int compareBytes(byte[] left, int leftStart, int leftEnd, byte[] right, int rightStart, int rightEnd) {
        int leftLength = leftEnd - leftStart;
        int rightLength = rightEnd - rightStart;
        int common = Math.min(leftLength, rightLength);
        if (common > SHORT_STRING_BYTES) {
            // Long ranges pay for the vectorized mismatch search's set-up cost.
            return Arrays.compareUnsigned(left, leftStart, leftEnd, right, rightStart, rightEnd);
        }
        for (int i = 0; i < common; i++) {
            int difference = (left[leftStart + i] & 0xff) - (right[rightStart + i] & 0xff);
            if (difference != 0) {
                return difference;
            }
        }
        return leftLength - rightLength;
    }

    @Override
    public StringData gather(int[] rows, int count) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += length(rows[i]);
        }
        byte[] result = new byte[Math.toIntExact(total)];
        int[] resultOffsets = new int[count + 1];
        int position = 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            int length = offsets[row + 1] - offsets[row];
            System.arraycopy(bytes, offsets[row], result, position, length);
            position += length;
            resultOffsets[i + 1] = position;
        }
        return new StringData(resultOffsets, result, ColumnData.gatherNulls(nulls, rows, count), count);
    }

    static StringData concat(List<ColumnData> pieces) {
        int total = ColumnData.totalSize(pieces);
        long byteCount = 0;
        for (ColumnData piece : pieces) {
            StringData strings = (StringData) piece;
            byteCount += strings.offsets[strings.size] - strings.offsets[0];
        }
        byte[] result = new byte[Math.toIntExact(byteCount)];
        int[] resultOffsets = new int[total + 1];
        int row = 0;
        int position = 0;
        for (ColumnData piece : pieces) {
            StringData strings = (StringData) piece;
            int base = strings.offsets[0];
            int length = strings.offsets[strings.size] - base;
            System.arraycopy(strings.bytes, base, result, position, length);
            for (int i = 0; i < strings.size; i++) {
                resultOffsets[row + i + 1] = position + strings.offsets[i + 1] - base;
            }
            row += strings.size;
            position += length;
        }
        return new StringData(resultOffsets, result, ColumnData.concatNulls(pieces, total), total);
    }

    /** Builds string data row by row; for kernels whose output length is unknown up front. */
    public static final class Builder {
        private final int[] offsets;
        private final boolean[] nulls;
        private byte[] bytes;
        private int row;
        private boolean anyNull;

        public Builder(int size, int expectedBytes) {
            offsets = new int[size + 1];
            nulls = new boolean[size];
            bytes = new byte[Math.max(16, expectedBytes)];
        }

        public void append(byte[] value, int start, int length) {
            int position = offsets[row];
            if (position + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + length));
            }
            System.arraycopy(value, start, bytes, position, length);
            offsets[++row] = position + length;
        }

        public void append(String value) {
            byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
            append(encoded, 0, encoded.length);
        }

        public void appendNull() {
            nulls[row] = true;
            anyNull = true;
            offsets[row + 1] = offsets[row];
            row++;
        }

        public StringData build() {
            return new StringData(offsets, bytes, anyNull ? nulls : null, row);
        }
    }
}
