package io.depot.engine.join;

import io.depot.engine.aggregation.KeyEncoding;

/**
 * What a hash join's finished build side says about one of its key columns, for the scan below
 * the probe side: the range {@code [min, max]} of the build's non-NULL keys and, unless the
 * build is too large for it to pay, a set test that never rejects a build key. The set is an
 * exact bitmap over {@code [min, max]} when the keys are dense enough, else a register-blocked
 * bloom filter (one 64-bit word per key, four bits set in it: one memory access per test).
 * Keys are in {@link KeyEncoding}'s long representation, so a probe value passes exactly when
 * equal values on both sides compare equal in the join. Immutable, so the copies of a parallel
 * probe pipeline share it.
 */
public final class RuntimeFilter {
    /** A bitmap may spend up to this many bits per build key; the bloom filter spends 16. */
    private static final long BITMAP_BITS_PER_KEY = 64;
    /** Small ranges always get a bitmap, however few keys. */
    private static final long SMALL_RANGE = 1 << 16;
    /** The largest bitmap: 8 MB. */
    private static final long MAX_BITMAP_BITS = 1L << 26;
    /** Bloom words per build key: 16 bits each. */
    private static final int KEYS_PER_BLOOM_WORD = 4;

    private final long min;
    private final long max;
    private final int keyCount;
    /** Bits for {@code [min, max]}, or null when there is no exact set. */
    private final long[] bitmap;
    /** Bloom filter words (a power of two of them), or null. */
    private final long[] bloom;
    private final int bloomMask;

    private RuntimeFilter(long min, long max, int keyCount, long[] bitmap, long[] bloom) {
        this.min = min;
        this.max = max;
        this.keyCount = keyCount;
        this.bitmap = bitmap;
        this.bloom = bloom;
        this.bloomMask = bloom == null ? 0 : bloom.length - 1;
    }

    /**
     * The filter of {@code values[0..size)} leaving out the rows {@code excluded} flags (their
     * key is NULL, so they match nothing; null: none is).
     *
     * @param withSet whether to build a set test beyond the range (false: the range only)
     */
    public static RuntimeFilter of(long[] values, boolean[] excluded, int size, boolean withSet) {
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        int count = 0;
        for (int row = 0; row < size; row++) {
            if (excluded != null && excluded[row]) {
                continue;
            }
            low = Math.min(low, values[row]);
            high = Math.max(high, values[row]);
            count++;
        }
        if (count == 0 || !withSet) {
            return new RuntimeFilter(low, high, count, null, null);
        }
        // high - low may overflow: compare as unsigned, where an overflow is a huge range
        long rangeBits = high - low + 1;
        boolean dense = rangeBits != 0 && Long.compareUnsigned(rangeBits, MAX_BITMAP_BITS) <= 0
                && Long.compareUnsigned(rangeBits, Math.max(SMALL_RANGE, BITMAP_BITS_PER_KEY * count)) <= 0;
        if (dense) {
            long[] bits = new long[(int) ((rangeBits + 63) >>> 6)];
            for (int row = 0; row < size; row++) {
                if (excluded == null || !excluded[row]) {
                    long offset = values[row] - low;
                    bits[(int) (offset >>> 6)] |= 1L << offset;
                }
            }
            return new RuntimeFilter(low, high, count, bits, null);
        }
        int words = Integer.highestOneBit(Math.max(64, (count + KEYS_PER_BLOOM_WORD - 1) / KEYS_PER_BLOOM_WORD) - 1) << 1;
        long[] bloom = new long[words];
        int mask = words - 1;
        for (int row = 0; row < size; row++) {
            if (excluded == null || !excluded[row]) {
                long hash = KeyEncoding.mix(values[row]);
                bloom[(int) hash & mask] |= bloomBits(hash);
            }
        }
        return new RuntimeFilter(low, high, count, null, bloom);
    }

    /** Four bits of the word, picked by the hash's high bits (its low bits pick the word). */
    private static long bloomBits(long hash) {
        return 1L << (hash >>> 40) | 1L << (hash >>> 46) | 1L << (hash >>> 52) | 1L << (hash >>> 58);
    }

    /** Whether the build had no non-NULL key: then no probe row can match. */
    public boolean isEmpty() {
        return keyCount == 0;
    }

    /** The build's non-NULL keys (with duplicates). */
    public int keyCount() {
        return keyCount;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** Whether the filter tests single values beyond the range. */
    public boolean hasSet() {
        return bitmap != null || bloom != null;
    }

    /** Whether the filter has an exact set (a value passes exactly when the build has it). */
    public boolean isExact() {
        return bitmap != null;
    }

    /** Whether some value of {@code [low, high]} may be a build key. */
    public boolean mightContainRange(long low, long high) {
        return keyCount > 0 && low <= max && high >= min;
    }

    /** Whether {@code value} may be a build key; false means it certainly is not. */
    public boolean mightContain(long value) {
        if (value < min || value > max) {
            return false;
        }
        if (bitmap != null) {
            long offset = value - min;
            return (bitmap[(int) (offset >>> 6)] & 1L << offset) != 0;
        }
        if (bloom != null) {
            long hash = KeyEncoding.mix(value);
            long bits = bloomBits(hash);
            return (bloom[(int) hash & bloomMask] & bits) == bits;
        }
        return true;
    }

    /**
     * Writes to {@code kept} the positions of the values that may be build keys, in order: value
     * {@code i} (i below count) is at position {@code positions[i]}, or {@code i} when
     * {@code positions} is null; NULL values ({@code nulls}, may be null) never pass. One loop per
     * kind of filter, so the per-value test has no branch on the kind.
     *
     * @return how many were kept
     */
    public int retain(long[] values, boolean[] nulls, int[] positions, int count, int[] kept) {
        int passed = 0;
        if (bitmap != null) {
            for (int i = 0; i < count; i++) {
                long offset = values[i] - min;
                kept[passed] = positions == null ? i : positions[i];
                // unsigned: below min wraps around to a huge offset
                boolean in = Long.compareUnsigned(offset, max - min) <= 0
                        && (bitmap[(int) (offset >>> 6)] & 1L << offset) != 0;
                passed += in && (nulls == null || !nulls[i]) ? 1 : 0;
            }
        } else if (bloom != null) {
            for (int i = 0; i < count; i++) {
                long value = values[i];
                long hash = KeyEncoding.mix(value);
                long bits = bloomBits(hash);
                kept[passed] = positions == null ? i : positions[i];
                boolean in = value >= min && value <= max && (bloom[(int) hash & bloomMask] & bits) == bits;
                passed += in && (nulls == null || !nulls[i]) ? 1 : 0;
            }
        } else {
            for (int i = 0; i < count; i++) {
                long value = values[i];
                kept[passed] = positions == null ? i : positions[i];
                passed += keyCount > 0 && value >= min && value <= max && (nulls == null || !nulls[i]) ? 1 : 0;
            }
        }
        return passed;
    }

    @Override
    public String toString() {
        return keyCount == 0 ? "empty" : "[" + min + ", " + max + "]" + (bitmap != null ? " bitmap"
                : bloom != null ? " bloom" : "");
    }
}
