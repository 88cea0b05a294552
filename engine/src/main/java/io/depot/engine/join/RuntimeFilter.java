package io.depot.engine.join;

import io.depot.engine.aggregation.KeyEncoding;
import org.apache.arrow.memory.util.MemoryUtil;

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
    /**
     * A bitmap may spend up to this many bits per build key; the bloom filter spends 16. A bitmap
     * test is exact and needs no hash, and scans probe mostly in key order (clustered or sorted
     * tables), so a sparse bitmap is still read a cache line at a time.
     */
    private static final long BITMAP_BITS_PER_KEY = 128;
    /** Ranges up to this many values (256 KB of bitmap, cache-resident) always get a bitmap, however few keys. */
    private static final long SMALL_RANGE = 1 << 21;
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
            // one bit more than the range: the clear guard bit inBitmap reads for values outside it
            long[] bits = new long[(int) (rangeBits >>> 6) + 1];
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
     * kind of filter, so the per-value test has no branch on the kind, and each test is branch
     * free (a probe whose values pass at random would mispredict every other branch).
     *
     * @return how many were kept
     */
    public int retain(long[] values, boolean[] nulls, int[] positions, int count, int[] kept) {
        int passed = 0;
        if (keyCount == 0) {
            return 0;
        }
        if (bitmap != null) {
            for (int i = 0; i < count; i++) {
                kept[passed] = positions == null ? i : positions[i];
                passed += inBitmap(values[i]);
            }
        } else if (bloom != null) {
            for (int i = 0; i < count; i++) {
                kept[passed] = positions == null ? i : positions[i];
                passed += inBloom(values[i]);
            }
        } else {
            for (int i = 0; i < count; i++) {
                kept[passed] = positions == null ? i : positions[i];
                passed += inRange(values[i]);
            }
        }
        return nulls == null ? passed : dropNulls(nulls, positions, kept, passed);
    }

    /**
     * {@link #retain(long[], boolean[], int[], int, int[])} over values read straight from a
     * fixed-width little-endian buffer at {@code address} ({@code width} 4: signed 32-bit ints, 8:
     * longs), value {@code i} at slot {@code positions[i]} (or {@code i} when {@code positions}
     * is null), so the scan need not copy a block's keys into an array first. NULLs are the
     * caller's to drop ({@link #dropNulls}).
     *
     * @param slots how many values the buffer holds: every position read must be below it, which
     *     is checked (positions must ascend)
     * @return how many were kept
     */
    public int retain(long address, int width, int slots, int[] positions, int count, int[] kept) {
        if (width != Integer.BYTES && width != Long.BYTES) {
            throw new IllegalArgumentException("width " + width + " is neither 4 nor 8");
        }
        int last = count == 0 ? -1 : positions == null ? count - 1 : positions[count - 1];
        if (last >= slots || (count > 0 && positions != null && positions[0] < 0)) {
            throw new IndexOutOfBoundsException("position " + last + " of a buffer of " + slots + " values");
        }
        if (keyCount == 0) {
            return 0;
        }
        int passed = 0;
        if (width == Integer.BYTES) {
            if (bitmap != null) {
                for (int i = 0; i < count; i++) {
                    int position = positions == null ? i : positions[i];
                    kept[passed] = position;
                    passed += inBitmap(MemoryUtil.getInt(address + 4L * position));
                }
            } else if (bloom != null) {
                for (int i = 0; i < count; i++) {
                    int position = positions == null ? i : positions[i];
                    kept[passed] = position;
                    passed += inBloom(MemoryUtil.getInt(address + 4L * position));
                }
            } else {
                for (int i = 0; i < count; i++) {
                    int position = positions == null ? i : positions[i];
                    kept[passed] = position;
                    passed += inRange(MemoryUtil.getInt(address + 4L * position));
                }
            }
        } else if (bitmap != null) {
            for (int i = 0; i < count; i++) {
                int position = positions == null ? i : positions[i];
                kept[passed] = position;
                passed += inBitmap(MemoryUtil.getLong(address + 8L * position));
            }
        } else if (bloom != null) {
            for (int i = 0; i < count; i++) {
                int position = positions == null ? i : positions[i];
                kept[passed] = position;
                passed += inBloom(MemoryUtil.getLong(address + 8L * position));
            }
        } else {
            for (int i = 0; i < count; i++) {
                int position = positions == null ? i : positions[i];
                kept[passed] = position;
                passed += inRange(MemoryUtil.getLong(address + 8L * position));
            }
        }
        return passed;
    }

    /**
     * Drops from {@code kept[0..count)} the positions whose value is NULL: {@code nulls} is indexed
     * like the values, value {@code i} at position {@code positions[i]} (or {@code i}), and kept
     * positions ascend as the values' indexes do.
     *
     * @return how many are left
     */
    private static int dropNulls(boolean[] nulls, int[] positions, int[] kept, int count) {
        int left = 0;
        int index = 0;
        for (int k = 0; k < count; k++) {
            int position = kept[k];
            if (positions != null) {
                while (positions[index] != position) {
                    index++;
                }
            } else {
                index = position;
            }
            kept[left] = position;
            left += nulls[index] ? 0 : 1;
        }
        return left;
    }

    /**
     * 1 when the value's bit is set, else 0. An offset outside {@code [0, max - min]} (unsigned:
     * below min wraps around to a huge one) reads the always-clear guard bit just past the range
     * instead, so the test needs no branch.
     */
    private int inBitmap(long value) {
        long offset = value - min;
        long span = max - min;
        long bit = Long.compareUnsigned(offset, span) <= 0 ? offset : span + 1;
        return (int) (bitmap[(int) (bit >>> 6)] >>> bit) & 1;
    }

    /** 1 when the value is in range and its bloom bits are all set, else 0; no branch. */
    private int inBloom(long value) {
        long hash = KeyEncoding.mix(value);
        long bits = bloomBits(hash);
        int hit = (bloom[(int) hash & bloomMask] & bits) == bits ? 1 : 0;
        return hit & inRange(value);
    }

    /** 1 when the value is within {@code [min, max]}, else 0. */
    private int inRange(long value) {
        // unsigned: below min wraps around to a huge offset
        return Long.compareUnsigned(value - min, max - min) <= 0 ? 1 : 0;
    }

    @Override
    public String toString() {
        return keyCount == 0 ? "empty" : "[" + min + ", " + max + "]" + (bitmap != null ? " bitmap"
                : bloom != null ? " bloom" : "");
    }
}
