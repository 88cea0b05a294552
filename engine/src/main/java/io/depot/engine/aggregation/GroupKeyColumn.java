package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;

/** The distinct values of one group-by key column, one entry per group, NULL being a value. */
interface GroupKeyColumn {
    /** Whether group {@code group}'s key equals row {@code row} of the data (NULL equals NULL). */
    boolean equalsRow(int group, ColumnData data, int row);

    /** Adds row {@code row} of the data as the key of the next group. */
    void append(ColumnData data, int row);

    /** Whether group {@code group}'s key equals group {@code otherGroup}'s of another column of this class. */
    boolean equalsGroup(int group, GroupKeyColumn other, int otherGroup);

    /** Adds group {@code otherGroup}'s key of another column of this class as the key of the next group. */
    void appendGroup(GroupKeyColumn other, int otherGroup);

    /** The keys of groups {@code from..from+count)}. */
    ColumnData slice(int from, int count);

    /** The number of groups held. */
    int size();

    /** Heap bytes held, for memory accounting. */
    long estimatedBytes();
}
