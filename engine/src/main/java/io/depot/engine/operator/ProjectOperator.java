package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchBuilder;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.ExpressionCompiler;
import io.depot.engine.expression.Kernel;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Computes one output column per expression; the output batches are compact. */
public final class ProjectOperator implements Operator {
    private final Operator input;
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
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Batch next() {
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
