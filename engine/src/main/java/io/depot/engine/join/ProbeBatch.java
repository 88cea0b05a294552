package io.depot.engine.join;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnReader;
import io.depot.engine.batch.ColumnWriter;
import io.depot.engine.expression.EvaluationContext;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;

/**
 * One batch of the probe input while it is joined: the batch (owned, closed with this), its
 * columns unpacked on first use, its keys, its candidate pairs with the build side and, when the
 * join needs them, its rows' match flags.
 */
public final class ProbeBatch implements AutoCloseable {
    private final List<Column> columns;
    private final EvaluationContext context;
    private final JoinKeys keys;
    private final CandidatePairs candidates;
    private final MatchFlags matches;
    /** Per column whether {@link #column} has unpacked it (the context caches it then). */
    private final boolean[] loaded;
    private Batch batch;

    /**
     * Takes ownership of the batch, closing it if this cannot be constructed.
     *
     * @param columns the probe input's columns
     * @param keyColumns the indexes of the key columns among them, pairwise with the build side's
     * @param tracksMatches whether to keep match flags (LEFT, FULL, SEMI, ANTI)
     */
    public ProbeBatch(Batch batch, List<Column> columns, List<Integer> keyColumns, BuildSide build,
            boolean tracksMatches) {
        this.batch = batch;
        try {
            this.columns = columns;
            this.context = EvaluationContext.of(batch);
            this.loaded = new boolean[columns.size()];
            List<ColumnData> keyData = new ArrayList<>(keyColumns.size());
            for (int key : keyColumns) {
                keyData.add(column(key));
            }
            this.keys = JoinKeys.of(keyData, batch.rowCount());
            this.candidates = new CandidatePairs(build.table().chainHeads(keys), build.table().chainLinks());
            this.matches = tracksMatches ? new MatchFlags(batch.rowCount()) : null;
        } catch (RuntimeException e) {
            batch.close();
            throw e;
        }
    }

    /** Column {@code index} of the probe input over this batch's rows. */
    public ColumnData column(int index) {
        loaded[index] = true;
        return context.column(index, columns.get(index).type());
    }

    /** Whether column {@code index} is unpacked already, so {@link #column} costs nothing. */
    public boolean isLoaded(int index) {
        return loaded[index];
    }

    /**
     * Writes column {@code index} at this batch's rows {@code rows[0..count)} (any order, repeats
     * allowed) into the empty {@code vector}, straight from the batch's vector: for an output
     * column nothing else reads, one pass over the rows wanted instead of unpacking the whole
     * column and gathering from it.
     */
    public void writeColumnAt(int index, int[] rows, int count, FieldVector vector) {
        int[] selection = batch.selection();
        int[] positions = rows;
        if (selection != null) {
            positions = new int[count];
            for (int i = 0; i < count; i++) {
                positions[i] = selection[Objects.checkIndex(rows[i], batch.rowCount())];
            }
        }
        ColumnType type = columns.get(index).type();
        FieldVector source = batch.vector(index);
        if (!GatheringWriter.copy(type, source, positions, count, vector)) {
            ColumnWriter.write(ColumnReader.read(source, type, positions, count), type, vector);
        }
    }

    public JoinKeys keys() {
        return keys;
    }

    public CandidatePairs candidates() {
        return candidates;
    }

    /** The rows' match flags, or null when the join does not track them. */
    public MatchFlags matches() {
        return matches;
    }

    /**
     * Hands out the batch narrowed to its rows that found a match ({@code matched}) or that did
     * not, or null (the batch closed) when there are none; this no longer holds the batch after.
     */
    public Batch transferRowsWhereMatched(boolean matched) {
        Batch owned = batch;
        batch = null;
        int[] rows = new int[owned.rowCount()];
        return owned.transferNarrowedOrClose(rows, matches.rowsWhere(matched, rows));
    }

    @Override
    public void close() {
        if (batch != null) {
            batch.close();
            batch = null;
        }
    }
}
