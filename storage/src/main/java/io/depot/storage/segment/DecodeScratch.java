package io.depot.storage.segment;

/**
 * Per-thread working arrays for decoding, grown on demand and reused across blocks: a 64K-row
 * block of longs is half a megabyte, and allocating (and zeroing) one per block per column would
 * cost as much as decoding it. Decoders are not reentrant, so one set per thread suffices; the
 * contents are garbage on entry.
 */
final class DecodeScratch {
    private static final ThreadLocal<DecodeScratch> CURRENT = ThreadLocal.withInitial(DecodeScratch::new);

    private long[] values = new long[0];
    private long[] runs = new long[0];
    private long[] words = new long[0];

    private DecodeScratch() {}

    static DecodeScratch current() {
        return CURRENT.get();
    }

    /** An array of at least {@code length} longs for decoded values. */
    long[] values(int length) {
        if (values.length < length) {
            values = new long[length];
        }
        return values;
    }

    /** A second array, for run lengths or dictionary codes next to {@link #values}. */
    long[] runs(int length) {
        if (runs.length < length) {
            runs = new long[length];
        }
        return runs;
    }

    /** An array of at least {@code length} longs for packed words. */
    long[] words(int length) {
        if (words.length < length) {
            words = new long[length];
        }
        return words;
    }
}
