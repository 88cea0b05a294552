package io.depot.engine.operator;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BooleanData;
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
        this.condition = ExpressionCompiler.compile(condition);
    }

    /** The condition over the context's rows (TRUE keeps a row; FALSE and NULL drop it). */
    BooleanData test(EvaluationContext context) {
        return (BooleanData) condition.evaluate(context);
    }

    /** The batch narrowed to the matching rows, or null (the batch closed) when none match. */
    public Batch apply(Batch batch) {
        try {
            BooleanData result = (BooleanData) condition.evaluate(EvaluationContext.of(batch));
            int size = batch.rowCount();
            int[] rows = new int[size];
            int count = 0;
            for (int i = 0; i < size; i++) {
                rows[count] = i;
                count += result.isTrue(i) ? 1 : 0;
            }
            return batch.transferNarrowedOrClose(rows, count);
        } catch (RuntimeException e) {
            batch.close();
            throw e;
        }
    }
}
