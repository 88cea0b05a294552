package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchBuilder;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnWriter;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.ExpressionCompiler;
import io.depot.engine.expression.Kernel;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
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

    public ProjectOperator(Operator input, List<Expression> expressions, List<Column> columns,
            BufferAllocator allocator) {
        this.input = requireNonNull(input, "input is null");
        this.columns = List.copyOf(columns);
        this.allocator = requireNonNull(allocator, "allocator is null");
        List<Kernel> compiled = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            compiled.add(ExpressionCompiler.compile(expression));
        }
        this.kernels = List.copyOf(compiled);
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
            List<ColumnData> data = new ArrayList<>(kernels.size());
            for (Kernel kernel : kernels) {
                data.add(kernel.evaluate(context));
            }
            return BatchBuilder.build(columns, data, batch.rowCount(), allocator);
        }
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
     * vectors over, computed ones (evaluated first, as they may read those) are written at the
     * selected positions. The caller closes the input batch, which frees what was not moved.
     */
    private Batch projectKeepingSelection(Batch batch) {
        EvaluationContext context = EvaluationContext.of(batch);
        ColumnData[] computed = new ColumnData[kernels.size()];
        for (int i = 0; i < computed.length; i++) {
            if (passThrough[i] < 0) {
                computed[i] = kernels.get(i).evaluate(context);
            }
        }
        int rows = batch.rootRowCount();
        List<FieldVector> vectors = new ArrayList<>(computed.length);
        try {
            for (int i = 0; i < computed.length; i++) {
                Column column = columns.get(i);
                if (passThrough[i] >= 0) {
                    // moved as it is: a column still to be decoded from its dictionary stays so
                    vectors.add(batch.transferVector(passThrough[i], ArrowTypes.field(column), allocator));
                } else {
                    FieldVector vector = ArrowTypes.createVector(column, allocator);
                    vectors.add(vector);
                    ColumnWriter.writeAt(computed[i], column.type(), vector, batch.selection(), rows);
                }
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot root = Batch.rootOf(vectors, rows);
        // moved vectors keep their dictionary codes, so an aggregation above still groups on codes
        return Batch.withDictionaries(root, batch.selection(), batch.rowCount(), batch.pickDictionaries(passThrough));
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
