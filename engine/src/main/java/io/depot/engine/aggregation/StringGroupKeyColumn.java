package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ShortStrings;
import io.depot.engine.batch.StringData;
import java.util.Arrays;

/** VARCHAR group keys, stored back to back as UTF-8 like a VarCharVector. */
final class StringGroupKeyColumn implements GroupKeyColumn {
    private byte[] bytes = new byte[256];
    private int[] offsets = new int[17];
    private boolean[] nulls = new boolean[16];
    private int size;

    @Override
    public boolean equalsRow(int group, ColumnData data, int row) {
        boolean rowNull = data.isNull(row);
        if (nulls[group] || rowNull) {
            return nulls[group] == rowNull;
        }
        StringData strings = (StringData) data;
        return bytesEqual(group, strings.bytes(), strings.start(row), strings.length(row));
    }

    /**
     * Whether group {@code group}'s key is the {@code length} bytes at {@code start}. Short keys
     * (flags, codes: the common group keys) compare in a plain loop, which costs less than
     * {@code Arrays.equals}' range checks and vectorized set-up.
     */
    private boolean bytesEqual(int group, byte[] other, int start, int length) {
        int from = offsets[group];
        if (offsets[group + 1] - from != length) {
            return false;
        }
        if (length > 16) {
            return Arrays.equals(bytes, from, from + length, other, start, start + length);
        }
        for (int i = 0; i < length; i++) {
            if (bytes[from + i] != other[start + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void append(ColumnData data, int row) {
        StringData strings = (StringData) data;
        boolean isNull = strings.isNull(row);
        appendBytes(strings.bytes(), strings.start(row), isNull ? 0 : strings.length(row), isNull);
    }

    @Override
    public boolean equalsGroup(int group, GroupKeyColumn other, int otherGroup) {
        if (other instanceof ShortStringGroupKeyColumn packed) {
            // a partial aggregation that never saw a long key still holds this column packed
            if (nulls[group] || packed.isNull(otherGroup)) {
                return nulls[group] == packed.isNull(otherGroup);
            }
            byte[] scratch = new byte[Long.BYTES];
            int length = ShortStrings.unpackInto(packed.value(otherGroup), scratch, 0);
            return bytesEqual(group, scratch, 0, length);
        }
        StringGroupKeyColumn column = (StringGroupKeyColumn) other;
        if (nulls[group] || column.nulls[otherGroup]) {
            return nulls[group] == column.nulls[otherGroup];
        }
        int otherStart = column.offsets[otherGroup];
        return bytesEqual(group, column.bytes, otherStart, column.offsets[otherGroup + 1] - otherStart);
    }

    @Override
    public void appendGroup(GroupKeyColumn other, int otherGroup) {
        if (other instanceof ShortStringGroupKeyColumn packed) {
            byte[] scratch = new byte[Long.BYTES];
            int length = packed.isNull(otherGroup) ? 0 : ShortStrings.unpackInto(packed.value(otherGroup), scratch, 0);
            appendBytes(scratch, 0, length, packed.isNull(otherGroup));
            return;
        }
        StringGroupKeyColumn column = (StringGroupKeyColumn) other;
        int otherStart = column.offsets[otherGroup];
        appendBytes(column.bytes, otherStart, column.offsets[otherGroup + 1] - otherStart, column.nulls[otherGroup]);
    }

    private void appendBytes(byte[] source, int sourceStart, int length, boolean isNull) {
        if (size == nulls.length) {
            nulls = Arrays.copyOf(nulls, size * 2);
            offsets = Arrays.copyOf(offsets, size * 2 + 1);
        }
        int start = offsets[size];
        if (start + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, start + length));
        }
        System.arraycopy(source, sourceStart, bytes, start, length);
        nulls[size] = isNull;
        offsets[size + 1] = start + length;
        size++;
    }

    @Override
    public StringData slice(int from, int count) {
        int base = offsets[from];
        int[] sliceOffsets = new int[count + 1];
        for (int i = 0; i <= count; i++) {
            sliceOffsets[i] = offsets[from + i] - base;
        }
        byte[] sliceBytes = Arrays.copyOfRange(bytes, base, offsets[from + count]);
        return new StringData(sliceOffsets, sliceBytes, Arrays.copyOfRange(nulls, from, from + count), count);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long estimatedBytes() {
        return bytes.length + 5L * nulls.length;
    }
}
