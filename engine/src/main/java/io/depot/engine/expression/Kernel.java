package io.depot.engine.expression;

import io.depot.engine.batch.ColumnData;

/**
 * A compiled expression: evaluates over all rows of a context at once, in type-specialized
 * loops chosen when the expression was compiled. Stateless apart from caches, so one kernel
 * serves every batch of a query.
 */
public interface Kernel {
    /** The expression's values for every row of the context, in a representation of its type. */
    ColumnData evaluate(EvaluationContext context);

    /**
     * The expression's values at the context's rows {@code rows[0..count)} only (ascending and
     * distinct, so {@code count == context.size()} means every row): row {@code j} of the result
     * is context row {@code rows[j]}. AND, OR and CASE evaluate their arguments this way on the
     * rows still open, so an argument runs on no other row (no error from a row it never sees).
     * By default the kernel runs over a subset context, which gathers a copy of each column it
     * reads; kernels whose inputs are plain columns and constants override this to read the
     * context's columns at the positions instead.
     */
    default ColumnData evaluateAt(EvaluationContext context, int[] rows, int count) {
        return evaluate(context.select(rows, count));
    }
}
