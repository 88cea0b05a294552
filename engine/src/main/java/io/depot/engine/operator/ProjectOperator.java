package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchDictionaries;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnWriter;
import io.depot.engine.batch.UnpackedColumns;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.ExpressionCompiler;
import io.depot.engine.expression.Kernel;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Computes one output column per expression. A projection that only picks input columns (each at
 * most once, types unchanged) hands the input's vectors on instead, selection and all: the scans'
 * column pruning and the joins' key reordering put many such projections in plans, and copying
 * every value of every batch through them was pure cost. A projection that also computes columns
 * still moves the columns it passes through when its input selects most of its rows (see
 * {@link #keepsSelection}); otherwise its output batches are compact.
 *
 * <p>Computed columns are handed on as the {@link ColumnData} the kernels made, together with the
 * input columns the kernels read ({@link UnpackedColumns}): their vectors are written only when a
 * consumer asks for a vector, so an aggregation, sort or join key above reads the values as they
 * are instead of through an Arrow write and read per batch (TPC-H Q1's decimal products).
 */
public final class ProjectOperator implements Operator {
    private final Operator input;
    /** The input column of each output column when the projection only picks columns, else null. */
    private final int[] picks;
    /** Per output column: the input column whose vector it can take over, or -1 when it is computed. */
    private final int[] passThrough;
    private final boolean anyPassThrough;
    private final List<Kernel> kernels;
    private final List<Column> columns;
    private final BufferAllocator allocator;
    /**
     * Whether computed columns' vectors are written only when a consumer asks for them (see
     * {@link UnpackedColumns}); {@code -Ddepot.project.unpacked=false} (read per operator) writes
     * every vector at once and hands on no unpacked values, to compare the two.
     */
    private final boolean handsOnUnpacked = !"false".equalsIgnoreCase(System.getProperty(UNPACKED_PROPERTY));
    /** The system property that turns handing on unpacked values off ({@code false}). */
    public static final String UNPACKED_PROPERTY = "depot.project.unpacked";

    public ProjectOperator(Operator input, List<Expression> expressions, List<Column> columns,
            BufferAllocator allocator) {
        this.input = requireNonNull(input, "input is null");
        this.columns = List.copyOf(columns);
        this.allocator = requireNonNull(allocator, "allocator is null");
        // a subexpression repeated across the columns is computed once per batch
        this.kernels = List.copyOf(ExpressionCompiler.compileAll(expressions));
        this.picks = picks(expressions, input.columns());
        this.passThrough = passThrough(expressions, input.columns());
        this.anyPassThrough = Arrays.stream(passThrough).anyMatch(index -> index >= 0);
    }

    /** The first reference to each input column (type unchanged) passes it through; the rest are computed. */
    private static int[] passThrough(List<Expression> expressions, List<Column> inputColumns) {
        int[] passThrough = new int[expressions.size()];
        boolean[] taken = new boolean[inputColumns.size()];
        for (int i = 0; i < passThrough.length; i++) {
            passThrough[i] = -1;
            if (expressions.get(i) instanceof ColumnReference reference && !taken[reference.index()]
                    && reference.type().equals(inputColumns.get(reference.index()).type())) {
                taken[reference.index()] = true;
                passThrough[i] = reference.index();
            }
        }
        return passThrough;
    }

    private static int[] picks(List<Expression> expressions, List<Column> inputColumns) {
        int[] picks = new int[expressions.size()];
        boolean[] picked = new boolean[inputColumns.size()];
        for (int i = 0; i < picks.length; i++) {
            if (!(expressions.get(i) instanceof ColumnReference reference)
                    || picked[reference.index()]
                    || !reference.type().equals(inputColumns.get(reference.index()).type())) {
                return null;
            }
            picked[reference.index()] = true;
            picks[i] = reference.index();
        }
        return picks;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Batch next() {
        if (picks != null) {
            Batch batch = input.next();
            return batch == null ? null : batch.transferColumns(picks, columns);
        }
        try (Batch batch = input.next()) {
            if (batch == null) {
                return null;
            }
            if (keepsSelection(batch)) {
                return projectKeepingSelection(batch);
            }
            EvaluationContext context = EvaluationContext.of(batch);
            ColumnData[] data = new ColumnData[kernels.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = kernels.get(i).evaluate(context);
            }
            boolean[] unwritten = new boolean[data.length];
            Arrays.fill(unwritten, true);
            return withUnwrittenVectors(data, unwritten, null, batch.rowCount(), batch.rowCount(), batch, null);
        }
    }

    /**
     * The output batch over {@code rows} root rows (the input's root rows when it keeps the
     * input's {@code selection}, else its compacted rows): column {@code i} moves the input's vector
     * over when it passes through, else gets an empty vector, written from {@code data[i]} only if
     * a consumer asks for the vector (see {@link UnpackedColumns}). {@code data[i]} is null for a
     * passed-through column the projection did not read.
     */
    private Batch withUnwrittenVectors(ColumnData[] data, boolean[] unwritten, int[] selection, int count, int rows,
            Batch input, BatchDictionaries dictionaries) {
        ColumnType[] types = new ColumnType[data.length];
        List<FieldVector> vectors = new ArrayList<>(data.length);
        try {
            for (int i = 0; i < data.length; i++) {
                Column column = columns.get(i);
                types[i] = data[i] == null ? null : column.type();
                vectors.add(unwritten[i] ? ArrowTypes.createVector(column, allocator)
                        // moved as it is: a column still to be decoded from its dictionary stays so
                        : input.transferVector(passThrough[i], ArrowTypes.field(column), allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot root = Batch.rootOf(vectors, rows);
        if (handsOnUnpacked) {
            return Batch.withUnpacked(root, selection, count, dictionaries, new UnpackedColumns(data, types, unwritten));
        }
        try {
            for (int i = 0; i < data.length; i++) {
                if (unwritten[i]) {
                    if (selection == null) {
                        ColumnWriter.write(data[i], types[i], vectors.get(i));
                    } else {
                        ColumnWriter.writeAt(data[i], types[i], vectors.get(i), selection, rows);
                    }
                }
            }
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
        return Batch.withDictionaries(root, selection, count, dictionaries);
    }

    /**
     * Whether to hand the batch on with its selection: when it selects at least half of its root's
     * rows (a scan's filter that keeps most rows) and some columns pass through, moving their
     * vectors beats copying them at the selected rows, strings above all.
     */
    private boolean keepsSelection(Batch batch) {
        return anyPassThrough && batch.selection() != null
                && (long) batch.rowCount() * 2 >= batch.rootRowCount();
    }

    /**
     * The output over the input's root rows and selection: passed-through columns move their
     * vectors over, computed ones are written at the selected positions when a consumer asks for
     * their vectors. Every column also carries its values over the batch's rows where the
     * projection has them: computed, read to compute another column, or carried by the input. The
     * caller closes the input batch, which frees what was not moved.
     */
    private Batch projectKeepingSelection(Batch batch) {
        EvaluationContext context = EvaluationContext.of(batch);
        ColumnData[] data = new ColumnData[kernels.size()];
        boolean[] unwritten = new boolean[data.length];
        for (int i = 0; i < data.length; i++) {
            if (passThrough[i] < 0) {
                data[i] = kernels.get(i).evaluate(context);
                unwritten[i] = true;
            }
        }
        UnpackedColumns moved = batch.pickUnpacked(passThrough);
        for (int i = 0; i < data.length; i++) {
            if (passThrough[i] >= 0) {
                ColumnData carried = moved == null ? null : moved.data(i, columns.get(i).type());
                if (carried != null) {
                    data[i] = carried;
                    unwritten[i] = moved.isUnwritten(i);
                } else {
                    data[i] = context.loadedColumn(passThrough[i]);
                }
            }
        }
        // moved vectors keep their dictionary codes, so an aggregation above still groups on codes
        return withUnwrittenVectors(data, unwritten, batch.selection(), batch.rowCount(), batch.rootRowCount(), batch,
                batch.pickDictionaries(passThrough));
    }

    @Override
    public boolean isFinished() {
        return input.isFinished();
    }

    @Override
    public void close() {
        input.close();
    }
}
