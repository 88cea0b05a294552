package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Literal;
import io.depot.storage.type.ColumnType;
import java.util.OptionalInt;

/**
 * One window function in a {@link WindowNode}.
 *
 * @param argument the input column the function reads; empty for ROW_NUMBER, RANK, DENSE_RANK,
 *     NTILE and COUNT(*)
 * @param offset NTILE's bucket count, LAG's and LEAD's row offset (1 by default); else 0
 * @param defaultValue LAG's and LEAD's value where the offset row does not exist, of the
 *     call's type (a NULL literal by default)
 * @param type result type: the argument's for LAG, LEAD, FIRST_VALUE, LAST_VALUE, MIN, MAX; as
 *     for {@link AggregateCall} for SUM and AVG; BIGINT for the ranking functions and COUNT
 */
public record WindowCall(WindowFunction function, OptionalInt argument, long offset, Literal defaultValue,
        ColumnType type, String name) {
    public WindowCall {
        requireNonNull(function, "function is null");
        requireNonNull(argument, "argument is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        if (function == WindowFunction.NTILE && offset <= 0) {
            throw new IllegalArgumentException("NTILE needs a positive bucket count, not " + offset);
        }
    }

    /** Whether the result can be NULL. */
    public boolean nullable() {
        return switch (function) {
            case ROW_NUMBER, RANK, DENSE_RANK, NTILE, COUNT -> false;
            default -> true;
        };
    }
}
