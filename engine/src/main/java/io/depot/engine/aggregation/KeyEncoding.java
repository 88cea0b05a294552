package io.depot.engine.aggregation;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.ShortStrings;
import io.depot.engine.batch.StringData;

/**
 * How hash-based operators (grouping, joins) represent and hash key values: every kind but
 * VARCHAR as 64 bits, so that one code path per representation compares and hashes keys.
 */
public final class KeyEncoding {
    /** The hash every NULL key contributes; grouping needs NULLs to hash alike. */
    private static final long NULL_HASH = 0x9e3779b97f4a7c15L;

    private KeyEncoding() {}

    /**
     * Keys as stored and compared: BOOLEAN as 0/1 and DOUBLE as order-preserving longs, which are
     * equal exactly when SQL says the doubles are (-0.0 with 0.0, NaN with NaN); other kinds as
     * they are ({@link LongData} or {@link StringData}).
     */
    public static ColumnData toKeyRepresentation(ColumnData key) {
        if (key instanceof BooleanData booleans) {
            return booleans.toLongData();
        }
        if (key instanceof DoubleData doubles) {
            return doubles.toSortableLongData();
        }
        return key;
    }

    /**
     * Mixes each row's hash of one key column (in key representation) into {@code hashes}, so
     * that calling it once per key column hashes multi-column keys.
     */
    public static void hash(ColumnData key, long[] hashes) {
        if (key instanceof StringData strings) {
            hashStrings(strings, hashes);
        } else {
            hashLongs((LongData) key, hashes);
        }
    }

    private static void hashLongs(LongData data, long[] hashes) {
        long[] input = data.values();
        boolean[] inputNulls = data.nulls();
        for (int i = 0; i < data.size(); i++) {
            hashes[i] = combine(hashes[i], input[i], inputNulls != null && inputNulls[i]);
        }
    }

    /**
     * One 64-bit key value mixed into a row's hash as {@link #hash} does it, for callers that hash
     * single rows (the hash still needs {@link #mix} once all key columns are in).
     */
    public static long combine(long hash, long value, boolean isNull) {
        return hash * 31 + (isNull ? NULL_HASH : mix(value));
    }

    /**
     * Strings of at most {@link ShortStrings#MAX_BYTES} bytes hash as their packed long does
     * ({@link #hashLongs}), so a key column may be held either way (see GroupByHash) and equal
     * keys still hash alike; longer ones hash their bytes.
     */
    private static void hashStrings(StringData strings, long[] hashes) {
        byte[] input = strings.bytes();
        int[] inputOffsets = strings.offsets();
        boolean[] inputNulls = strings.nulls();
        for (int i = 0; i < strings.size(); i++) {
            long hash;
            if (inputNulls != null && inputNulls[i]) {
                hash = NULL_HASH;
            } else {
                int start = inputOffsets[i];
                int length = inputOffsets[i + 1] - start;
                if (length <= ShortStrings.MAX_BYTES) {
                    hash = mix(ShortStrings.pack(input, start, length));
                } else {
                    hash = 1;
                    for (int b = start; b < start + length; b++) {
                        hash = hash * 31 + input[b];
                    }
                    hash = mix(hash);
                }
            }
            hashes[i] = hashes[i] * 31 + hash;
        }
    }

    /** A 64-bit finalizer (MurmurHash3's fmix64) so similar keys land far apart. */
    public static long mix(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
