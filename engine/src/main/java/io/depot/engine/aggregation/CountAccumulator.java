package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import java.util.Arrays;

/** COUNT(*) (every row) or COUNT(x) (rows where x is not NULL); never NULL. */
final class CountAccumulator implements Accumulator {
    /** Batches over at most this many groups are counted in lanes ({@link #addInLanes}). */
    private static final int LANED_GROUP_LIMIT = 256;

    private long[] counts = new long[0];

    @Override
    public void ensureCapacity(int groupCount) {
        if (groupCount > counts.length) {
            counts = Arrays.copyOf(counts, Accumulator.grownCapacity(counts.length, groupCount));
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        ensureCapacity(groupCount);
        boolean[] nulls = input == null ? null : input.nulls();
        if (nulls == null && groupCount <= LANED_GROUP_LIMIT) {
            addInLanes(groupIds, groupCount, size);
            return;
        }
        for (int i = 0; i < size; i++) {
            if (nulls == null || !nulls[i]) {
                counts[groupIds[i]]++;
            }
        }
    }

    /**
     * Counts every row over few groups in four interleaved copies per group, so that consecutive
     * rows of one group do not wait on each other's store (as LongSumAccumulator does).
     */
    private void addInLanes(int[] groupIds, int groupCount, int size) {
        int[] lanes = new int[4 * groupCount];
        int i = 0;
        for (; i + 4 <= size; i += 4) {
            lanes[groupIds[i]]++;
            lanes[groupCount + groupIds[i + 1]]++;
            lanes[2 * groupCount + groupIds[i + 2]]++;
            lanes[3 * groupCount + groupIds[i + 3]]++;
        }
        for (; i < size; i++) {
            lanes[groupIds[i]]++;
        }
        for (int group = 0; group < groupCount; group++) {
            counts[group] += (long) lanes[group] + lanes[groupCount + group] + lanes[2 * groupCount + group]
                    + lanes[3 * groupCount + group];
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
