package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.ColumnType;
import java.util.OptionalInt;

/**
 * One aggregate in an {@link AggregateNode}.
 *
 * @param argument input column index, empty only for COUNT(*)
 * @param type result type, decided by the front end: COUNT is BIGINT; SUM of INTEGER/BIGINT is
 *     BIGINT, of DECIMAL(p,s) DECIMAL(18,s), of DOUBLE DOUBLE; MIN/MAX keep the input type; AVG
 *     is DOUBLE for INTEGER/BIGINT/DOUBLE input and a DECIMAL with the given scale (rounded half
 *     up) for DECIMAL input
 */
public record AggregateCall(AggregateFunction function, OptionalInt argument, boolean distinct, ColumnType type,
        String name) {
    public AggregateCall {
        requireNonNull(function, "function is null");
        requireNonNull(argument, "argument is null");
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        if (argument.isEmpty() && function != AggregateFunction.COUNT) {
            throw new IllegalArgumentException(function + " needs an argument");
        }
    }
}
