package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import java.util.Arrays;

/** COUNT(*) (every row) or COUNT(x) (rows where x is not NULL); never NULL. */
final class CountAccumulator implements Accumulator {
    private long[] counts = new long[0];

    @Override
    public void ensureCapacity(int groupCount) {
        if (groupCount > counts.length) {
            counts = Arrays.copyOf(counts, Accumulator.grownCapacity(counts.length, groupCount));
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        add(groupIds, groupCount, input, size, null);
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size, int[] groupRows) {
        ensureCapacity(groupCount);
        boolean[] nulls = input == null ? null : input.nulls();
        if (nulls == null) {
            int[] rows = groupRows != null ? groupRows : GroupRows.count(groupIds, groupCount, size);
            if (rows != null) {
                for (int group = 0; group < groupCount; group++) {
                    counts[group] += rows[group];
                }
                return;
            }
        }
        for (int i = 0; i < size; i++) {
            if (nulls == null || !nulls[i]) {
                counts[groupIds[i]]++;
            }
        }
    }

    @Override
    public void merge(Accumulator other, int[] groupMapping, int groupCount) {
        ensureCapacity(groupCount);
        long[] otherCounts = ((CountAccumulator) other).counts;
        for (int group = 0; group < groupMapping.length; group++) {
            int target = groupMapping[group];
            if (target >= 0) {
                counts[target] += otherCounts[group];
            }
        }
    }

    @Override
    public LongData result(int from, int count) {
        return new LongData(Arrays.copyOfRange(counts, from, from + count), null, count);
    }

    @Override
    public long estimatedBytes() {
        return 8L * counts.length;
    }
}
