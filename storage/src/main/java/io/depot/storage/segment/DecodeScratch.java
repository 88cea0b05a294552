package io.depot.storage.segment;

/**
 * Per-thread working arrays for decoding, grown on demand and reused across blocks: a 64K-row
 * block of longs is half a megabyte, and allocating (and zeroing) one per block per column would
 * cost as much as decoding it. Decoders are not reentrant, so one set per thread suffices; the
 * contents are garbage on entry.
 */
final class DecodeScratch {
    private static final ThreadLocal<DecodeScratch> CURRENT = ThreadLocal.withInitial(DecodeScratch::new);

    private final long[] chunk = new long[FixedWidthWriter.CHUNK_ROWS + 1];
    private long[] values = new long[0];
    private long[] runs = new long[0];
    private long[] words = new long[0];
    private int[] ints = new int[0];
    private byte[] bits = new byte[0];
    private byte[] stored = new byte[0];
    private byte[] raw = new byte[0];

    private DecodeScratch() {}

    static DecodeScratch current() {
        return CURRENT.get();
    }

    /**
     * One chunk of values for {@link FixedWidthWriter}, plus a slot: {@code CHUNK_ROWS + 1}
     * longs, small enough to stay in the first-level cache while it is filled and written.
     */
    long[] chunk() {
        return chunk;
    }

    /** An array of at least {@code length} longs for decoded values. */
    long[] values(int length) {
        values = atLeast(values, length);
        return values;
    }

    /** A second array, for run lengths or dictionary codes next to {@link #values}. */
    long[] runs(int length) {
        runs = atLeast(runs, length);
        return runs;
    }

    /** An array of at least {@code length} longs for packed words. */
    long[] words(int length) {
        words = atLeast(words, length);
        return words;
    }

    /** An array of at least {@code length} ints, for values narrowed to 32 bits. */
    int[] ints(int length) {
        if (ints.length < length) {
            ints = new int[length];
        }
        return ints;
    }

    /** An array of at least {@code length} bytes, for values packed into bits. */
    byte[] bits(int length) {
        bits = atLeast(bits, length);
        return bits;
    }

    /** An array of at least {@code length} bytes for a block's bytes as stored in the file. */
    byte[] stored(int length) {
        stored = atLeast(stored, length);
        return stored;
    }

    /** An array of at least {@code length} bytes for a block's bytes after decompression. */
    byte[] raw(int length) {
        raw = atLeast(raw, length);
        return raw;
    }

    private static long[] atLeast(long[] array, int length) {
        return array.length < length ? new long[length] : array;
    }

    private static byte[] atLeast(byte[] array, int length) {
        return array.length < length ? new byte[length] : array;
    }
}
