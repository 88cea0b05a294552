package io.depot.engine.aggregation;

/**
 * How many rows of one batch fall in each group, counted once per batch for all of an
 * aggregation's accumulators when there are few groups: COUNT(*) and the row counts of SUM and
 * AVG over input without NULLs are then added per group, not per row and accumulator.
 */
public final class GroupRows {
    /** Batches over at most this many groups are counted. */
    public static final int GROUP_LIMIT = 256;
    private static final int LANES = 4;

    private GroupRows() {}

    /**
     * The number of rows {@code i < size} with {@code groupIds[i] == g}, for every group
     * {@code g < groupCount}; null when there are more than {@link #GROUP_LIMIT} groups.
     */
    public static int[] count(int[] groupIds, int groupCount, int size) {
        if (groupCount > GROUP_LIMIT) {
            return null;
        }
        // four interleaved copies per group, so that consecutive rows of one group do not wait on
        // each other's store
        int[] lanes = new int[LANES * groupCount];
        int i = 0;
        for (; i + LANES <= size; i += LANES) {
            lanes[groupIds[i]]++;
            lanes[groupCount + groupIds[i + 1]]++;
            lanes[2 * groupCount + groupIds[i + 2]]++;
            lanes[3 * groupCount + groupIds[i + 3]]++;
        }
        for (; i < size; i++) {
            lanes[groupIds[i]]++;
        }
        int[] counts = new int[groupCount];
        for (int group = 0; group < groupCount; group++) {
            counts[group] = lanes[group] + lanes[groupCount + group] + lanes[2 * groupCount + group]
                    + lanes[3 * groupCount + group];
        }
        return counts;
    }
}
