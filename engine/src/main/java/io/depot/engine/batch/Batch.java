package io.depot.engine.batch;

import static java.util.Objects.requireNonNull;

import io.depot.storage.segment.BlockDictionary;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A batch of rows flowing between operators: an Arrow root plus an optional selection vector
 * naming the root's rows that are part of the batch, so a filter need not copy. The batch owns
 * its root and closes it.
 *
 * <p>A VARCHAR column read from a DICTIONARY-encoded block may also carry that block's entries
 * and per-row codes ({@link #dictionary}), row for row over the root, so a consumer such as the
 * hash aggregation can work on small integer codes instead of the strings. Such a column's
 * vector may still be empty: its strings are decoded on the first {@link #vector} or
 * {@link #root} call, so a query that only groups on the column never decodes them. Operators
 * that move a vector unchanged (filters, pass-through projections, {@link #transferColumns})
 * keep its dictionary (and leave it undecoded); every other way of making a batch reads the
 * vector, so decodes it, and drops the dictionary.
 *
 * <p>Likewise a column may carry its values already unpacked into {@link ColumnData} over the
 * batch's rows ({@link UnpackedColumns}, from a projection), read through {@link #columnData}
 * instead of out of the vector; a computed column's vector is only written on the first
 * {@link #vector} or {@link #root} call. Moving vectors keeps the unpacked values with them,
 * narrowing gathers the unwritten ones.
 */
public final class Batch implements AutoCloseable {
    /** The most rows an operator puts in one batch (also the storage block size). */
    public static final int MAX_ROWS = 65_536;

    private final VectorSchemaRoot root;
    private final int[] selection;
    private final int rowCount;
    /** The columns' dictionaries, or null when none has one. */
    private final BatchDictionaries dictionaries;
    /** The columns' unpacked values, or null when none has them. */
    private final UnpackedColumns unpacked;

    private Batch(VectorSchemaRoot root, int[] selection, int rowCount, BatchDictionaries dictionaries) {
        this(root, selection, rowCount, dictionaries, null);
    }

    private Batch(VectorSchemaRoot root, int[] selection, int rowCount, BatchDictionaries dictionaries,
            UnpackedColumns unpacked) {
        this.root = requireNonNull(root, "root is null");
        this.selection = selection;
        this.rowCount = rowCount;
        this.dictionaries = dictionaries;
        this.unpacked = unpacked;
        if (dictionaries != null && dictionaries.size() != root.getFieldVectors().size()) {
            throw new IllegalArgumentException(dictionaries.size() + " dictionary slots for "
                    + root.getFieldVectors().size() + " columns");
        }
        if (unpacked != null && unpacked.size() != root.getFieldVectors().size()) {
            throw new IllegalArgumentException(unpacked.size() + " unpacked slots for "
                    + root.getFieldVectors().size() + " columns");
        }
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
     * null) whose columns carry {@code dictionaries} (may be null); each dictionary's rows must be
     * the root's. Takes ownership of the root.
     */
    public static Batch withDictionaries(VectorSchemaRoot root, int[] positions, int count,
            BatchDictionaries dictionaries) {
        if (dictionaries != null) {
            for (int i = 0; i < dictionaries.size(); i++) {
                BlockDictionary dictionary = dictionaries.dictionary(i);
                if (dictionary != null && dictionary.rowCount() != root.getRowCount()) {
                    throw new IllegalArgumentException("dictionary of column " + i + " has " + dictionary.rowCount()
                            + " rows, the root " + root.getRowCount());
                }
            }
        }
        return new Batch(root, positions, positions == null ? root.getRowCount() : count, dictionaries);
    }

    /**
     * Like {@link #withDictionaries}, with columns whose values are already unpacked over the
     * batch's rows ({@code unpacked}, may be null); an unwritten column's vector must be empty.
     */
    public static Batch withUnpacked(VectorSchemaRoot root, int[] positions, int count,
            BatchDictionaries dictionaries, UnpackedColumns unpacked) {
        Batch batch = withDictionaries(root, positions, count, dictionaries);
        return unpacked == null ? batch
                : new Batch(root, batch.selection, batch.rowCount, dictionaries, unpacked);
    }

    /**
     * Column {@code index} over the batch's rows as {@code type}: its unpacked values when it
     * carries them, else read out of its vector.
     */
    public ColumnData columnData(int index, ColumnType type) {
        ColumnData data = unpacked == null ? null : unpacked.data(index, type);
        return data != null ? data : ColumnReader.read(vector(index), type, selection, rowCount);
    }

    /**
     * Column {@code index}'s unpacked values as {@code type}, or null when it carries none (then
     * read it with {@link #columnData} or from its vector).
     */
    public ColumnData unpackedData(int index, ColumnType type) {
        return unpacked == null ? null : unpacked.data(index, type);
    }

    /**
     * The entries and per-root-row codes of column {@code index}'s strings, or null when the
     * column did not come from a DICTIONARY block (or was computed or copied since).
     */
    public BlockDictionary dictionary(int index) {
        return dictionaries == null ? null : dictionaries.dictionary(index);
    }

    /** The number of rows in the batch (selected rows when there is a selection). */
    public int rowCount() {
        return rowCount;
    }

    /** The root's positions of the batch's rows, or null when every row of the root is part of it. */
    public int[] selection() {
        return selection;
    }

    /** The number of rows of the root, which the selection picks from. */
    public int rootRowCount() {
        return root.getRowCount();
    }

    /** The number of columns. */
    public int columnCount() {
        return root.getFieldVectors().size();
    }

    /**
     * The underlying root, every column decoded; its row count may exceed {@link #rowCount()}.
     * Still owned by the batch.
     */
    public VectorSchemaRoot root() {
        for (int i = 0; i < root.getFieldVectors().size(); i++) {
            fill(i, root.getVector(i));
        }
        return root;
    }

    /** Decodes or writes column {@code index}'s vector when it is still empty. */
    private void fill(int index, FieldVector vector) {
        if (dictionaries != null) {
            dictionaries.decode(index, vector);
        }
        if (unpacked != null) {
            unpacked.write(index, vector, selection, root.getRowCount());
        }
    }

    /** The vector of column {@code index}, decoded from its dictionary first if it is still empty. */
    public FieldVector vector(int index) {
        FieldVector vector = root.getVector(index);
        fill(index, vector);
        return vector;
    }

    /**
     * Moves column {@code index}'s vector (decoded or not) into a new vector of {@code field}, for
     * a batch over the same root rows that keeps this column's dictionary (see
     * {@link #pickDictionaries}). This batch's vector is left empty.
     */
    public FieldVector transferVector(int index, Field field, BufferAllocator allocator) {
        FieldVector source = root.getVector(index);
        TransferPair transfer = source.getTransferPair(field, allocator);
        transfer.transfer();
        return (FieldVector) transfer.getTo();
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
        return new Batch(root, positions, count, dictionaries, unpacked == null ? null : unpacked.narrowed(rows, count));
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
            return root();
        }
        try (root) {
            root();
            return copyRows(columns, allocator);
        }
    }

    private VectorSchemaRoot copyRows(List<Column> columns, BufferAllocator allocator) {
        List<ColumnData> data = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            data.add(columnData(i, columns.get(i).type()));
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
                vectors.add(transferVector(picks[i], ArrowTypes.field(columns.get(i)), source.getAllocator()));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new Batch(rootOf(vectors, root.getRowCount()), selection, rowCount, pickDictionaries(picks),
                pickUnpacked(picks));
    }

    /**
     * A root of the vectors with {@code rowCount} rows. Unlike {@link VectorSchemaRoot#setRowCount}
     * it leaves the vectors' value counts alone, so a vector still to be decoded from its
     * dictionary stays empty (setting its count would fill it with empty strings first).
     */
    public static VectorSchemaRoot rootOf(List<FieldVector> vectors, int rowCount) {
        List<Field> fields = new ArrayList<>(vectors.size());
        for (FieldVector vector : vectors) {
            fields.add(vector.getField());
        }
        return new VectorSchemaRoot(fields, vectors, rowCount);
    }

    /**
     * The dictionaries (and decoded state) of columns {@code picks} (an entry of -1 picks none), in
     * that order, for a batch over the same root rows whose vectors moved there by
     * {@link #transferVector}; null when none has one.
     */
    public BatchDictionaries pickDictionaries(int[] picks) {
        return dictionaries == null ? null : dictionaries.pick(picks);
    }

    /** Like {@link #pickDictionaries}, for the columns' unpacked values (and written state). */
    public UnpackedColumns pickUnpacked(int[] picks) {
        return unpacked == null ? null : unpacked.pick(picks);
    }

    @Override
    public void close() {
        root.close();
    }
}
