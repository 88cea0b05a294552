package io.depot.engine.operator;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.expression.ExpressionCompiler;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Kernel;

/**
 * Keeps the rows of a batch for which a BOOLEAN condition is TRUE, by narrowing its selection
 * (public for DELETE, which reads the narrowed selection as the rows to delete).
 */
public final class BatchFilter {
    private final Kernel condition;

    public BatchFilter(Expression condition) {
        this.condition = ExpressionCompiler.compileFilter(condition);
    }

    /**
     * Writes to {@code passed} (at least the context's size), ascending, the context's rows where
     * the condition is TRUE (FALSE and NULL drop a row), and returns how many.
     */
    int select(EvaluationContext context, int[] passed) {
        return condition.selectTrue(context, null, context.size(), passed);
    }

    /** The batch narrowed to the matching rows, or null (the batch closed) when none match. */
    public Batch apply(Batch batch) {
        try {
            int[] rows = new int[batch.rowCount()];
            int count = select(EvaluationContext.of(batch), rows);
            return batch.transferNarrowedOrClose(rows, count);
        } catch (RuntimeException e) {
            batch.close();
            throw e;
        }
    }
}
