package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

/**
 * VARCHAR values as Arrow lays them out: {@code rowCount + 1} offsets into UTF-8 bytes. The
 * validity bitmap tells which rows are NULL (their bytes, if any, are ignored by DICTIONARY).
 */
final class VarCharValues implements BlockValues {
    private final int[] offsets;
    private final byte[] data;
    private final byte[] validity;
    private final int rowCount;
    private final int nullCount;
    private SortedDictionary dictionary;
    private boolean dictionaryBuilt;

    /** Wraps, does not copy, the arrays. */
    VarCharValues(int[] offsets, byte[] data, byte[] validity, int rowCount, int nullCount) {
        this.offsets = requireNonNull(offsets, "offsets is null");
        this.data = requireNonNull(data, "data is null");
        this.validity = requireNonNull(validity, "validity is null");
        this.rowCount = rowCount;
        this.nullCount = nullCount;
    }

    @Override
    public int rowCount() {
        return rowCount;
    }

    int[] offsets() {
        return offsets;
    }

    byte[] data() {
        return data;
    }

    /** Bytes of text in the block. */
    int dataLength() {
        return offsets[rowCount];
    }

    boolean isValid(int row) {
        return nullCount == 0 || (validity[row >>> 3] & (1 << (row & 7))) != 0;
    }

    boolean hasNonNull() {
        return nullCount < rowCount;
    }

    /**
     * The sorted distinct non-null values with a code per row, or null when there are none or
     * more than half as many as rows (then a dictionary rarely pays, so it is not built further).
     */
    SortedDictionary dictionary() {
        if (!dictionaryBuilt) {
            dictionary = SortedDictionary.build(this, Math.max(1, rowCount / 2));
            dictionaryBuilt = true;
        }
        return dictionary;
    }
}
