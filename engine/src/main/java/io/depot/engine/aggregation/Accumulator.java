package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;

/** The running state of one aggregate call for every group. */
public interface Accumulator {
    /**
     * Adds row {@code i} of {@code input} to group {@code groupIds[i]} for every row; ids are below
     * {@code groupCount}. {@code input} is null for COUNT(*). NULL inputs are ignored.
     */
    void add(int[] groupIds, int groupCount, ColumnData input, int size);

    /**
     * Like {@link #add(int[], int, ColumnData, int)}, also given {@code groupRows[g]}, the number
     * of the batch's rows in group {@code g} ({@link GroupRows#count}; null when not counted), which
     * an accumulator counting rows takes instead of counting them itself when the input has no NULLs.
     */
    default void add(int[] groupIds, int groupCount, ColumnData input, int size, int[] groupRows) {
        add(groupIds, groupCount, input, size);
    }

    /**
     * Combines the state of every group {@code g} of {@code other}, an accumulator made for the
     * same call and input type, into group {@code groupMapping[g]} of this one; groups mapped to
     * -1 are left out. Ids are below {@code groupCount}. This is how partial aggregations that ran
     * on separate workers become one: the result is that of adding both inputs to one accumulator.
     */
    void merge(Accumulator other, int[] groupMapping, int groupCount);

    /** Makes room for groups up to {@code groupCount}, which get the empty state. */
    void ensureCapacity(int groupCount);

    /** The final values of groups {@code from..from+count)}, in the call's result type. */
    ColumnData result(int from, int count);

    /** Heap bytes held, for memory accounting. */
    long estimatedBytes();

    /** The capacity to grow to so that {@code needed} fits, doubling to amortize copies. */
    static int grownCapacity(int current, int needed) {
        return Math.max(needed, Math.max(16, current * 2));
    }
}
