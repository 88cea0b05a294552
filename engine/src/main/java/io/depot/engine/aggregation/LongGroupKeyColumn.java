package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import java.util.Arrays;

/** Group keys held as 64 bits: INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP (and BOOLEAN as 0/1). */
final class LongGroupKeyColumn implements GroupKeyColumn {
    private long[] values = new long[16];
    private boolean[] nulls = new boolean[16];
    private int size;

    @Override
    public boolean equalsRow(int group, ColumnData data, int row) {
        boolean rowNull = data.isNull(row);
        if (nulls[group] || rowNull) {
            return nulls[group] == rowNull;
        }
        return values[group] == ((LongData) data).values()[row];
    }

    @Override
    public void append(ColumnData data, int row) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            nulls = Arrays.copyOf(nulls, size * 2);
        }
        nulls[size] = data.isNull(row);
        values[size] = ((LongData) data).values()[row];
        size++;
    }

    @Override
    public boolean equalsGroup(int group, GroupKeyColumn other, int otherGroup) {
        LongGroupKeyColumn column = (LongGroupKeyColumn) other;
        if (nulls[group] || column.nulls[otherGroup]) {
            return nulls[group] == column.nulls[otherGroup];
        }
        return values[group] == column.values[otherGroup];
    }

    @Override
    public void appendGroup(GroupKeyColumn other, int otherGroup) {
        LongGroupKeyColumn column = (LongGroupKeyColumn) other;
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            nulls = Arrays.copyOf(nulls, size * 2);
        }
        nulls[size] = column.nulls[otherGroup];
        values[size] = column.values[otherGroup];
        size++;
    }

    @Override
    public LongData slice(int from, int count) {
        boolean[] sliceNulls = Arrays.copyOfRange(nulls, from, from + count);
        return new LongData(Arrays.copyOfRange(values, from, from + count), sliceNulls, count);
    }

    @Override
    public int size() {
        return size;
    }

    /** Group {@code group}'s key; unspecified when it is NULL. */
    long value(int group) {
        return values[group];
    }

    boolean isNull(int group) {
        return nulls[group];
    }

    @Override
    public long estimatedBytes() {
        return 9L * values.length;
    }
}
