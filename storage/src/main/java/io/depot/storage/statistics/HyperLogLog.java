package io.depot.storage.statistics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * An approximate distinct counter (HyperLogLog, 2^10 one-byte registers, about 3% standard
 * error; exact-looking for small counts thanks to linear counting). Sketches of segments merge
 * into the sketch of a table without rereading data. Not thread-safe.
 */
public final class HyperLogLog {
    /** Index bits: 1,024 registers, 1 KiB per sketch. */
    static final int PRECISION = 10;
    /** Registers in every sketch, and the length of {@link #toBytes()}. */
    public static final int REGISTER_COUNT = 1 << PRECISION;
    private static final int MAX_RANK = Long.SIZE - PRECISION + 1;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private final byte[] registers;

    public HyperLogLog() {
        this(new byte[REGISTER_COUNT]);
    }

    private HyperLogLog(byte[] registers) {
        this.registers = registers;
    }

    /** A sketch from {@link #toBytes()}; throws IllegalArgumentException for anything else. */
    public static HyperLogLog fromBytes(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        if (bytes.length != REGISTER_COUNT) {
            throw new IllegalArgumentException("a sketch has " + REGISTER_COUNT + " registers, not " + bytes.length);
        }
        for (byte register : bytes) {
            if (register < 0 || register > MAX_RANK) {
                throw new IllegalArgumentException("sketch register[" + register + "] is out of range");
            }
        }
        return new HyperLogLog(bytes.clone());
    }

    /** Adds a 64-bit value (an integer, or the bits of a normalized double). */
    public void addLong(long value) {
        addHash(mix(value ^ GOLDEN));
    }

    /** Adds the bytes {@code [start, end)} of an array, as one value. */
    public void addBytes(byte[] bytes, int start, int end) {
        long hash = GOLDEN ^ (end - start);
        int position = start;
        for (; position + Long.BYTES <= end; position += Long.BYTES) {
            long word = 0;
            for (int i = Long.BYTES - 1; i >= 0; i--) {
                word = (word << 8) | (bytes[position + i] & 0xFF);
            }
            hash = Long.rotateLeft(hash ^ mix(word), 27) * GOLDEN;
        }
        long tail = 0;
        for (int i = end - 1; i >= position; i--) {
            tail = (tail << 8) | (bytes[i] & 0xFF);
        }
        addHash(mix(hash ^ mix(tail + 1)));
    }

    /** Folds another sketch into this one: the result counts the union of both inputs. */
    public void merge(HyperLogLog other) {
        for (int i = 0; i < REGISTER_COUNT; i++) {
            registers[i] = (byte) Math.max(registers[i], other.registers[i]);
        }
    }

    /** The estimated number of distinct values added. */
    public long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += 1.0 / (1L << register);
            if (register == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / REGISTER_COUNT);
        double estimate = alpha * REGISTER_COUNT * REGISTER_COUNT / sum;
        if (estimate <= 2.5 * REGISTER_COUNT && zeros > 0) {
            // Linear counting: far more accurate while many registers are still empty.
            estimate = REGISTER_COUNT * Math.log((double) REGISTER_COUNT / zeros);
        }
        return Math.round(estimate);
    }

    /** The registers, one byte each; {@link #fromBytes} reads them back. */
    public byte[] toBytes() {
        return registers.clone();
    }

    public HyperLogLog copy() {
        return new HyperLogLog(registers.clone());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HyperLogLog sketch && Arrays.equals(registers, sketch.registers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(registers);
    }

    private void addHash(long hash) {
        int index = (int) (hash >>> (Long.SIZE - PRECISION));
        // The rank is the position of the first 1 bit after the index bits; the sentinel bit caps it.
        int rank = Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
    private static long mix(long value) {
        long hash = value;
        hash ^= hash >>> 33;
        hash *= 0xFF51_AFD7_ED55_8CCDL;
        hash ^= hash >>> 33;
        hash *= 0xC4CE_B9FE_1A85_EC53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
