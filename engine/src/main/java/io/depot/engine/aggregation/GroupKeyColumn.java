package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;

/** The distinct values of one group-by key column, one entry per group, NULL being a value. */
interface GroupKeyColumn {
    /** Mixes each row's key hash into {@code hashes} (NULLs all hash alike). */
    void hash(ColumnData data, long[] hashes);

    /** Whether group {@code group}'s key equals row {@code row} of the data (NULL equals NULL). */
    boolean equalsRow(int group, ColumnData data, int row);

    /** Adds row {@code row} of the data as the key of the next group. */
    void append(ColumnData data, int row);

    /** The keys of groups {@code from..from+count)}. */
    ColumnData slice(int from, int count);

    /** Heap bytes held, for memory accounting. */
    long estimatedBytes();

    /** A 64-bit finalizer (MurmurHash3's fmix64) so similar keys land far apart. */
    static long mix(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
