package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchBuilder;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.ExpressionCompiler;
import io.depot.engine.expression.Kernel;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Computes one output column per expression; the output batches are compact. A projection that
 * only picks input columns (each at most once, types unchanged) hands the input's vectors on
 * instead, selection and all: the scans' column pruning and the joins' key reordering put many
 * such projections in plans, and copying every value of every batch through them was pure cost.
 */
public final class ProjectOperator implements Operator {
    private final Operator input;
    /** The input column of each output column when the projection only picks columns, else null. */
    private final int[] picks;
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
            EvaluationContext context = EvaluationContext.of(batch);
            List<ColumnData> data = new ArrayList<>(kernels.size());
            for (Kernel kernel : kernels) {
                data.add(kernel.evaluate(context));
            }
            return BatchBuilder.build(columns, data, batch.rowCount(), allocator);
        }
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
