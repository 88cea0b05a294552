package io.depot.storage.segment;

import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * A decoded DICTIONARY block of a VARCHAR column: its distinct strings (the entries, in unsigned
 * UTF-8 byte order) and each row's entry code, every code checked to be in range. A NULL row
 * carries code {@link #entryCount()}, one past the entries, so a consumer that groups or joins on
 * codes sees NULL as one more code. The codes are one byte each when the entries and NULL fit.
 * Each block read makes its own instance (codes of different blocks, even of one segment, index
 * different entries); it is immutable once the reader hands it out.
 */
public final class BlockDictionary {
    /** Entries (plus the NULL code) up to this many have one-byte codes. */
    private static final int BYTE_CODES = 256;

    private final byte[] entryBytes;
    private final int[] entryOffsets;
    private final int rows;
    /** Unsigned one-byte codes, or null when {@link #intCodes} holds them. */
    private final byte[] byteCodes;
    private final int[] intCodes;
    private final BlockLocation location;
    private boolean hasNulls;

    /**
     * Takes the entries ({@code entryOffsets.length - 1} of them, already checked) and the first
     * {@code rows} codes of {@code codes}, checking each is below the entry count.
     */
    BlockDictionary(byte[] entryBytes, int[] entryOffsets, long[] codes, int rows, BlockLocation location) {
        this.entryBytes = entryBytes;
        this.entryOffsets = entryOffsets;
        this.rows = rows;
        this.location = location;
        int entries = entryOffsets.length - 1;
        // The largest code and the OR of all (negative when one is: out of range, read unsigned),
        // one test after the loop. (An OR alone as the bound sent blocks whose codes merely share
        // bits, as 1 and 2 of three entries, through the per-row check below every time.)
        long largest = 0;
        long signs = 0;
        if (entries + 1 <= BYTE_CODES) {
            byteCodes = new byte[rows];
            for (int row = 0; row < rows; row++) {
                long code = codes[row];
                largest = Math.max(largest, code);
                signs |= code;
                byteCodes[row] = (byte) code;
            }
            intCodes = null;
        } else {
            intCodes = new int[rows];
            for (int row = 0; row < rows; row++) {
                long code = codes[row];
                largest = Math.max(largest, code);
                signs |= code;
                intCodes[row] = (int) code;
            }
            byteCodes = null;
        }
        if (largest >= entries || signs < 0) {
            for (int row = 0; row < rows; row++) {
                if (Long.compareUnsigned(codes[row], entries) >= 0) {
                    throw location.corruption("has dictionary code[" + Long.toUnsignedString(codes[row])
                            + "] beyond its " + entries + " entries");
                }
            }
        }
    }

    /** The number of distinct strings; also the code of NULL rows. */
    public int entryCount() {
        return entryOffsets.length - 1;
    }

    /** The block's row count. */
    public int rowCount() {
        return rows;
    }

    /** The entries' UTF-8 bytes, one after the other; do not modify. */
    public byte[] entryBytes() {
        return entryBytes;
    }

    /** Entry {@code e} is {@code entryBytes()[entryOffsets()[e]..entryOffsets()[e + 1])}; do not modify. */
    public int[] entryOffsets() {
        return entryOffsets;
    }

    /**
     * The codes of the block's rows {@code positions[0..count)} (rows {@code 0..count)} when
     * {@code positions} is null) into {@code target[0..count)}.
     */
    public void codes(int[] positions, int count, int[] target) {
        if (byteCodes != null) {
            if (positions == null) {
                for (int i = 0; i < count; i++) {
                    target[i] = byteCodes[i] & 0xFF;
                }
            } else {
                for (int i = 0; i < count; i++) {
                    target[i] = byteCodes[positions[i]] & 0xFF;
                }
            }
        } else if (positions == null) {
            System.arraycopy(intCodes, 0, target, 0, count);
        } else {
            for (int i = 0; i < count; i++) {
                target[i] = intCodes[positions[i]];
            }
        }
    }

    private int code(int row) {
        return byteCodes != null ? byteCodes[row] & 0xFF : intCodes[row];
    }

    /**
     * Gives the rows whose bit in the block's validity bitmap ({@code validity[0..]}, one bit per
     * row, LSB first) is clear the NULL code, and returns their number. Called once, before the
     * instance is handed out.
     */
    long markNulls(byte[] validity) {
        int nullCode = entryCount();
        long nulls = 0;
        for (int row = 0; row < rows; row++) {
            if ((validity[row >>> 3] & (1 << (row & 7))) == 0) {
                nulls++;
                if (byteCodes != null) {
                    byteCodes[row] = (byte) nullCode;
                } else {
                    intCodes[row] = nullCode;
                }
            }
        }
        hasNulls = nulls > 0;
        return nulls;
    }

    /**
     * Fills an empty VARCHAR vector with the block's rows: the strings from the entries, NULL
     * where a row has the NULL code. For readers that were handed the codes and leave decoding
     * the strings until something needs them.
     */
    public void decodeInto(FieldVector vector) {
        writeStrings(vector, location);
        ArrowBuf validity = vector.getValidityBuffer();
        int fullBytes = rows >>> 3;
        if (!hasNulls) {
            validity.setOne(0, fullBytes);
            if ((rows & 7) != 0) {
                validity.setByte(fullBytes, (1 << (rows & 7)) - 1);
            }
        } else {
            int nullCode = entryCount();
            for (int index = 0; index < (rows + 7) >>> 3; index++) {
                int bits = 0;
                for (int bit = 0, row = index << 3; bit < 8 && row < rows; bit++, row++) {
                    bits |= code(row) == nullCode ? 0 : 1 << bit;
                }
                validity.setByte(index, bits);
            }
        }
        // Tell the vector every row is set, or setValueCount would "fill holes" over the offsets.
        ((BaseVariableWidthVector) vector).setLastSet(rows - 1);
        vector.setValueCount(rows);
    }

    /**
     * Writes the rows' strings into the VARCHAR vector's offsets and data (not its validity),
     * allocating it for the block's rows. NULL rows get an empty string: the dictionary's writer
     * sees one more, empty entry, whose number is the NULL code.
     */
    void writeStrings(FieldVector vector, BlockLocation location) {
        int[] offsets = Arrays.copyOf(entryOffsets, entryOffsets.length + 1);
        offsets[offsets.length - 1] = offsets[offsets.length - 2];
        // the thread's decode scratch: no block decode is under way when strings are asked for
        long[] codes = DecodeScratch.current().values(rows);
        for (int row = 0; row < rows; row++) {
            codes[row] = code(row);
        }
        DictionaryEncoding.writeStrings(codes, rows, new DictionaryEncoding.Entries(offsets, entryBytes),
                (BaseVariableWidthVector) vector, location);
    }
}
