package io.depot.engine.expression;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.ColumnType;
import java.util.List;

/**
 * A function or operator applied to arguments. The caller (the SQL front end) has already
 * resolved types: arithmetic and comparison arguments have the same type (it inserts CASTs),
 * except DECIMAL arithmetic, whose arguments may differ in scale and whose result type is given.
 */
public record Call(Function function, List<Expression> arguments, ColumnType type, boolean nullable)
        implements Expression {
    public Call {
        requireNonNull(function, "function is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        requireNonNull(type, "type is null");
    }

    public static Call of(Function function, ColumnType type, Expression... arguments) {
        boolean nullable = false;
        for (Expression argument : arguments) {
            nullable |= argument.nullable();
        }
        return new Call(function, List.of(arguments), type, nullable);
    }
}
