package io.depot.engine.expression;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A constant. The value's Java class follows the type: BOOLEAN Boolean, INTEGER Integer,
 * BIGINT Long, DOUBLE Double, DECIMAL BigDecimal (with exactly the type's scale), DATE
 * LocalDate, TIMESTAMP LocalDateTime, VARCHAR String; {@code null} is SQL NULL of that type.
 */
public record Literal(Object value, ColumnType type) implements Expression {
    public Literal {
        requireNonNull(type, "type is null");
        if (value != null) {
            Class<?> expected = switch (type.kind()) {
                case BOOLEAN -> Boolean.class;
                case INTEGER -> Integer.class;
                case BIGINT -> Long.class;
                case DOUBLE -> Double.class;
                case DECIMAL -> BigDecimal.class;
                case DATE -> LocalDate.class;
                case TIMESTAMP -> LocalDateTime.class;
                case VARCHAR -> String.class;
            };
            if (!expected.isInstance(value)) {
                throw new IllegalArgumentException("literal of type " + type + " must be a " + expected.getSimpleName()
                        + " but is a " + value.getClass().getSimpleName());
            }
            if (value instanceof BigDecimal decimal && decimal.scale() != type.scale()) {
                throw new IllegalArgumentException("decimal literal " + decimal + " must have scale " + type.scale());
            }
        }
    }

    public static Literal nullOf(ColumnType type) {
        return new Literal(null, type);
    }

    @Override
    public boolean nullable() {
        return value == null;
    }
}
