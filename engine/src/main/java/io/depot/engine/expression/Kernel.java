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
}
