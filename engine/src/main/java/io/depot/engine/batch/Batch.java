package io.depot.engine.batch;

import static java.util.Objects.requireNonNull;

import io.depot.storage.segment.BlockDictionary;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A batch of rows flowing between operators: an Arrow root plus an optional selection vector
 * naming the root's rows that are part of the batch, so a filter need not copy. The batch owns
 * its root and closes it.
 *
 * <p>A VARCHAR column read from a DICTIONARY-encoded block may also carry that block's entries
 * and per-row codes ({@link #dictionary}), row for row over the root, so a consumer such as the
 * hash aggregation can work on small integer codes instead of the strings. The codes are only
 * a second view of the vector's values: operators that move a vector unchanged (filters,
 * pass-through projections) keep its dictionary, every other way of making a batch drops it.
 */
public final class Batch implements AutoCloseable {
    /** The most rows an operator puts in one batch (also the storage block size). */
    public static final int MAX_ROWS = 65_536;

    private final VectorSchemaRoot root;
    private final int[] selection;
    private final int rowCount;
    /** Per root column, its block's dictionary, or null; the array itself is null when none has one. */
    private final BlockDictionary[] dictionaries;

    private Batch(VectorSchemaRoot root, int[] selection, int rowCount, BlockDictionary[] dictionaries) {
        this.root = requireNonNull(root, "root is null");
        this.selection = selection;
        this.rowCount = rowCount;
        this.dictionaries = dictionaries;
    }

    /** A batch of all rows of {@code root}; the batch takes ownership of the root. */
    public static Batch of(VectorSchemaRoot root) {
        return new Batch(root, null, root.getRowCount(), null);
    }

    /** A batch of the root's rows {@code positions[0..count)}, ascending; takes ownership of the root. */
    public static Batch selected(VectorSchemaRoot root, int[] positions, int count) {
        return new Batch(root, positions, count, null);
    }

    /**
     * A batch of the root's rows {@code positions[0..count)} (every row when {@code positions} is
     * null) whose column {@code i} holds exactly the strings {@code dictionaries[i]} codes (when
     * not null) for each root row. Takes ownership of the root.
     */
    public static Batch withDictionaries(VectorSchemaRoot root, int[] positions, int count,
            BlockDictionary[] dictionaries) {
        BlockDictionary[] kept = null;
        if (dictionaries != null) {
            for (int i = 0; i < dictionaries.length; i++) {
                BlockDictionary dictionary = dictionaries[i];
                if (dictionary != null) {
                    if (dictionary.rowCount() != root.getRowCount()) {
                        throw new IllegalArgumentException("dictionary of column " + i + " has " + dictionary.rowCount()
                                + " rows, the root " + root.getRowCount());
                    }
                    kept = kept == null ? new BlockDictionary[root.getFieldVectors().size()] : kept;
                    kept[i] = dictionary;
                }
            }
        }
        return new Batch(root, positions, positions == null ? root.getRowCount() : count, kept);
    }

    /**
     * The entries and per-root-row codes of column {@code index}'s strings, or null when the
     * column did not come from a DICTIONARY block (or was computed or copied since).
     */
    public BlockDictionary dictionary(int index) {
        return dictionaries == null ? null : dictionaries[index];
    }

    /** The number of rows in the batch (selected rows when there is a selection). */
    public int rowCount() {
        return rowCount;
    }

    /** The root's positions of the batch's rows, or null when every row of the root is part of it. */
    public int[] selection() {
        return selection;
    }

    /** The underlying root; its row count may exceed {@link #rowCount()}. Still owned by the batch. */
    public VectorSchemaRoot root() {
        return root;
    }

    /** The vector of column {@code index}. */
    public FieldVector vector(int index) {
        return root.getVector(index);
    }

    /**
     * Narrows this batch to its rows {@code rows[0..count)} (indexes into this batch's rows,
     * ascending). The returned batch takes over the root: do not use or close this one afterwards.
     */
    public Batch transferNarrowed(int[] rows, int count) {
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = selection == null ? rows[i] : selection[rows[i]];
        }
        return new Batch(root, positions, count, dictionaries);
    }

    /**
     * Like {@link #transferNarrowed}, but hands out this batch itself when every row is kept, and
     * closes it and returns null when none is.
     */
    public Batch transferNarrowedOrClose(int[] rows, int count) {
        if (count == rowCount) {
            return this;
        }
        if (count == 0) {
            close();
            return null;
        }
        return transferNarrowed(rows, count);
    }

    /**
     * Hands out a root holding exactly the batch's rows, compacting the selection away when there
     * is one. The caller owns the result; this batch must not be used or closed afterwards.
     */
    public VectorSchemaRoot transferCompacted(List<Column> columns, BufferAllocator allocator) {
        if (selection == null) {
            return root;
        }
        try (root) {
            return copyRows(columns, allocator);
        }
    }

    private VectorSchemaRoot copyRows(List<Column> columns, BufferAllocator allocator) {
        List<ColumnData> data = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            data.add(ColumnReader.read(root.getVector(i), columns.get(i).type(), selection, rowCount));
        }
        return BatchBuilder.buildRoot(columns, data, rowCount, allocator);
    }

    /**
     * Hands out a batch of this batch's columns {@code picks} (each at most once, in output order),
     * named and typed as {@code columns}, with the same rows and selection: the vectors' buffers
     * move to the new batch rather than being copied, and the columns not picked are freed. This
     * batch must not be used or closed afterwards.
     */
    public Batch transferColumns(int[] picks, List<Column> columns) {
        List<FieldVector> vectors = new ArrayList<>(picks.length);
        try (root) {
            for (int i = 0; i < picks.length; i++) {
                FieldVector source = root.getVector(picks[i]);
                TransferPair transfer = source.getTransferPair(ArrowTypes.field(columns.get(i)), source.getAllocator());
                transfer.transfer();
                vectors.add((FieldVector) transfer.getTo());
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot picked = new VectorSchemaRoot(vectors);
        picked.setRowCount(root.getRowCount());
        return new Batch(picked, selection, rowCount, pickDictionaries(picks));
    }

    /**
     * The dictionaries of columns {@code picks} (an entry of -1 picks none), in that order, for
     * a batch over the same root rows whose vectors moved here unchanged; null when none has one.
     */
    public BlockDictionary[] pickDictionaries(int[] picks) {
        if (dictionaries == null) {
            return null;
        }
        BlockDictionary[] picked = null;
        for (int i = 0; i < picks.length; i++) {
            if (picks[i] >= 0 && dictionaries[picks[i]] != null) {
                picked = picked == null ? new BlockDictionary[picks.length] : picked;
                picked[i] = dictionaries[picks[i]];
            }
        }
        return picked;
    }

    @Override
    public void close() {
        root.close();
    }
}
