package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.StringData;
import java.util.Arrays;

/** MIN or MAX of VARCHAR in code point order; keeps one byte array per group. */
final class StringExtremeAccumulator implements Accumulator {
    private final boolean maximum;
    private byte[][] values = new byte[0][];
    private long valueBytes;

    StringExtremeAccumulator(boolean maximum) {
        this.maximum = maximum;
    }

    @Override
    public void ensureCapacity(int groupCount) {
        if (groupCount > values.length) {
            values = Arrays.copyOf(values, Accumulator.grownCapacity(values.length, groupCount));
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        ensureCapacity(groupCount);
        StringData strings = (StringData) input;
        byte[] bytes = strings.bytes();
        boolean[] nulls = input.nulls();
        for (int i = 0; i < size; i++) {
            if (nulls == null || !nulls[i]) {
                int group = groupIds[i];
                byte[] current = values[group];
                int start = strings.start(i);
                int end = start + strings.length(i);
                int comparison = current == null ? 0
                        : StringData.compareBytes(bytes, start, end, current, 0, current.length);
                if (current == null || (maximum ? comparison > 0 : comparison < 0)) {
                    valueBytes += (end - start) - (current == null ? 0 : current.length);
                    values[group] = Arrays.copyOfRange(bytes, start, end);
                }
            }
        }
    }

    @Override
    public void merge(Accumulator other, int[] groupMapping, int groupCount) {
        ensureCapacity(groupCount);
        byte[][] partialValues = ((StringExtremeAccumulator) other).values;
        for (int group = 0; group < groupMapping.length; group++) {
            int target = groupMapping[group];
            byte[] value = partialValues[group];
            if (target < 0 || value == null) {
                continue;
            }
            byte[] current = values[target];
            int comparison = current == null ? 0
                    : StringData.compareBytes(value, 0, value.length, current, 0, current.length);
            if (current == null || (maximum ? comparison > 0 : comparison < 0)) {
                // the arrays are never modified, so the partial's can be shared
                valueBytes += value.length - (current == null ? 0 : current.length);
                values[target] = value;
            }
        }
    }

    @Override
    public StringData result(int from, int count) {
        StringData.Builder builder = new StringData.Builder(count, 16 * count);
        for (int i = 0; i < count; i++) {
            byte[] value = values[from + i];
            if (value == null) {
                builder.appendNull();
            } else {
                builder.append(value, 0, value.length);
            }
        }
        return builder.build();
    }

    @Override
    public long estimatedBytes() {
        // Each array also carries a header of about 16 bytes.
        return 8L * values.length + valueBytes + 16L * values.length;
    }
}
