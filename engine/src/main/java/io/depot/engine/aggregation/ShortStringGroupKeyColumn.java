package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.ShortStrings;
import io.depot.engine.batch.StringData;

/**
 * VARCHAR group keys while every key seen is short enough to pack into a long
 * ({@link ShortStrings}): rows arrive packed ({@link LongData}) and compare as one long. The
 * first longer key turns the column into a {@link StringGroupKeyColumn} ({@link #toStrings}).
 */
final class ShortStringGroupKeyColumn implements GroupKeyColumn {
    private final LongGroupKeyColumn packed = new LongGroupKeyColumn();

    @Override
    public boolean equalsRow(int group, ColumnData data, int row) {
        return packed.equalsRow(group, data, row);
    }

    @Override
    public void append(ColumnData data, int row) {
        packed.append(data, row);
    }

    @Override
    public boolean equalsGroup(int group, GroupKeyColumn other, int otherGroup) {
        return packed.equalsGroup(group, ((ShortStringGroupKeyColumn) other).packed, otherGroup);
    }

    @Override
    public void appendGroup(GroupKeyColumn other, int otherGroup) {
        packed.appendGroup(((ShortStringGroupKeyColumn) other).packed, otherGroup);
    }

    @Override
    public StringData slice(int from, int count) {
        LongData values = packed.slice(from, count);
        return ShortStrings.unpack(values.values(), values.nulls(), 0, count);
    }

    /** Group {@code group}'s packed key; unspecified when it is NULL. */
    long value(int group) {
        return packed.value(group);
    }

    boolean isNull(int group) {
        return packed.isNull(group);
    }

    /** The same keys held as strings, in group order. */
    StringGroupKeyColumn toStrings() {
        StringGroupKeyColumn strings = new StringGroupKeyColumn();
        StringData keys = slice(0, size());
        for (int group = 0; group < keys.size(); group++) {
            strings.append(keys, group);
        }
        return strings;
    }

    @Override
    public int size() {
        return packed.size();
    }

    @Override
    public long estimatedBytes() {
        return packed.estimatedBytes();
    }
}
