package io.depot.engine.join;

import io.depot.engine.aggregation.KeyEncoding;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The equality keys of some rows of one join input, in {@link KeyEncoding}'s representation,
 * with each row's 64-bit hash over all key columns and whether any of its keys is NULL (such a
 * row matches nothing). With no key columns every row has the same hash, so a cross join is a
 * hash join whose rows all share one chain.
 *
 * @param columns the key columns in key representation ({@link LongData} or {@link StringData})
 * @param hashes each row's hash, already mixed
 * @param anyNull per row whether a key is NULL, or null when none is
 */
public record JoinKeys(List<ColumnData> columns, long[] hashes, boolean[] anyNull, int size) {
    /** The keys of {@code size} rows, one entry of {@code keys} per key column. */
    public static JoinKeys of(List<ColumnData> keys, int size) {
        List<ColumnData> normalized = new ArrayList<>(keys.size());
        long[] hashes = new long[size];
        boolean[] anyNull = null;
        for (ColumnData key : keys) {
            ColumnData representation = KeyEncoding.toKeyRepresentation(key);
            normalized.add(representation);
            KeyEncoding.hash(representation, hashes);
            boolean[] nulls = key.nulls();
            if (nulls != null) {
                if (anyNull == null) {
                    anyNull = new boolean[size];
                }
                for (int row = 0; row < size; row++) {
                    anyNull[row] |= nulls[row];
                }
            }
        }
        for (int row = 0; row < size; row++) {
            hashes[row] = KeyEncoding.mix(hashes[row]);
        }
        return new JoinKeys(List.copyOf(normalized), hashes, anyNull, size);
    }

    /** A bound on the heap bytes {@link #of} holds for {@code rowCount} rows and {@code keyCount} keys. */
    public static long estimatedBytes(int rowCount, int keyCount) {
        // Hashes and NULL flags, plus one converted long per key (BOOLEAN and DOUBLE keys).
        return (9L + 8L * keyCount) * rowCount;
    }

    /** Whether row {@code row} has a NULL key, so that it matches no row. */
    public boolean hasNullKey(int row) {
        return anyNull != null && anyNull[row];
    }

    /**
     * Keeps the pairs {@code (probeRows[i], buildRows[i])}, i below count, whose keys are equal
     * (rows of {@code this} and {@code build} respectively), compacting both arrays in place.
     * Neither row of a pair may have a NULL key.
     *
     * @return how many pairs are left
     */
    public int retainEqual(JoinKeys build, int[] probeRows, int[] buildRows, int count) {
        for (int k = 0; k < columns.size() && count > 0; k++) {
            ColumnData probeKey = columns.get(k);
            ColumnData buildKey = build.columns.get(k);
            if (probeKey instanceof StringData probeStrings) {
                count = retainEqualStrings(probeStrings, (StringData) buildKey, probeRows, buildRows, count);
            } else {
                count = retainEqualLongs((LongData) probeKey, (LongData) buildKey, probeRows, buildRows, count);
            }
        }
        return count;
    }

    private static int retainEqualLongs(LongData probeKey, LongData buildKey, int[] probeRows, int[] buildRows,
            int count) {
        long[] probeValues = probeKey.values();
        long[] buildValues = buildKey.values();
        int kept = 0;
        for (int i = 0; i < count; i++) {
            probeRows[kept] = probeRows[i];
            buildRows[kept] = buildRows[i];
            kept += probeValues[probeRows[i]] == buildValues[buildRows[i]] ? 1 : 0;
        }
        return kept;
    }

    private static int retainEqualStrings(StringData probeKey, StringData buildKey, int[] probeRows, int[] buildRows,
            int count) {
        byte[] probeBytes = probeKey.bytes();
        int[] probeOffsets = probeKey.offsets();
        byte[] buildBytes = buildKey.bytes();
        int[] buildOffsets = buildKey.offsets();
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int probeRow = probeRows[i];
            int buildRow = buildRows[i];
            probeRows[kept] = probeRow;
            buildRows[kept] = buildRow;
            boolean equal = Arrays.equals(probeBytes, probeOffsets[probeRow], probeOffsets[probeRow + 1],
                    buildBytes, buildOffsets[buildRow], buildOffsets[buildRow + 1]);
            kept += equal ? 1 : 0;
        }
        return kept;
    }
}
