package io.depot.engine.expression;

import io.depot.storage.type.ColumnType;

/**
 * A typed scalar expression over the columns of one input batch. Expressions are plain data;
 * the executor compiles them into vectorized kernels.
 */
public sealed interface Expression permits ColumnReference, Literal, Call {
    /** The logical type of the result. */
    ColumnType type();

    /** Whether the result may be NULL. */
    boolean nullable();
}
