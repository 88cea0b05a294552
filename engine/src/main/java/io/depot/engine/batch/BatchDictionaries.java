package io.depot.engine.batch;

import io.depot.storage.segment.BlockDictionary;
import org.apache.arrow.vector.FieldVector;

/**
 * The dictionary codes that a batch's columns carry (see {@link Batch#dictionary}): per root
 * column its block's dictionary or null, and whether its vector is still empty, its strings
 * only decoded from the dictionary when something asks for the vector. Owned by one batch: the
 * decoded flags change as columns are decoded.
 */
public final class BatchDictionaries {
    private final BlockDictionary[] dictionaries;
    private final boolean[] undecoded;

    /**
     * Column {@code i} has {@code dictionaries[i]} (when not null); {@code undecoded[i]} (the
     * array may be null: all decoded) says its vector is still empty. The arrays are taken over.
     */
    public BatchDictionaries(BlockDictionary[] dictionaries, boolean[] undecoded) {
        this.dictionaries = dictionaries;
        this.undecoded = undecoded == null ? new boolean[dictionaries.length] : undecoded;
        for (int i = 0; i < dictionaries.length; i++) {
            if (this.undecoded[i] && dictionaries[i] == null) {
                throw new IllegalArgumentException("column " + i + " is undecoded without a dictionary");
            }
        }
    }

    BlockDictionary dictionary(int index) {
        return dictionaries[index];
    }

    boolean isUndecoded(int index) {
        return undecoded[index];
    }

    /** Fills column {@code index}'s vector from its dictionary when it is still empty. */
    void decode(int index, FieldVector vector) {
        if (undecoded[index]) {
            dictionaries[index].decodeInto(vector);
            undecoded[index] = false;
        }
    }

    /** The entries of columns {@code picks} (-1 picks none) in that order, or null when none has a dictionary. */
    BatchDictionaries pick(int[] picks) {
        BlockDictionary[] picked = new BlockDictionary[picks.length];
        boolean[] pickedUndecoded = new boolean[picks.length];
        boolean any = false;
        for (int i = 0; i < picks.length; i++) {
            if (picks[i] >= 0 && dictionaries[picks[i]] != null) {
                picked[i] = dictionaries[picks[i]];
                pickedUndecoded[i] = undecoded[picks[i]];
                any = true;
            }
        }
        return any ? new BatchDictionaries(picked, pickedUndecoded) : null;
    }

    int size() {
        return dictionaries.length;
    }
}
