package io.depot.engine.expression;

import io.depot.engine.batch.ColumnData;

/**
 * A call that occurs more than once in one projection (see {@link ExpressionCompiler#compileAll}):
 * evaluated once per context, its values then shared by every column that uses it. Results are
 * read-only, as every kernel's are. Evaluations at some rows only ({@link #evaluateAt}: the rows a
 * CASE branch or the right side of AND/OR sees) are not shared, so the call still runs on no
 * other rows than it would unshared.
 */
final class SharedKernel implements Kernel {
    private final Kernel kernel;

    SharedKernel(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        return context.sharedResult(this, kernel);
    }

    @Override
    public ColumnData evaluateAt(EvaluationContext context, int[] rows, int count) {
        return kernel.evaluateAt(context, rows, count);
    }
}
