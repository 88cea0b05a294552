package io.depot.sql.convert;

import io.depot.engine.expression.Literal;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Converts constants between types at plan time, so VALUES rows and defaults need no CAST. */
final class LiteralCoercion {
    private LiteralCoercion() {}

    static Literal coerce(Literal literal, ColumnType target) {
        if (literal.type().equals(target)) {
            return literal;
        }
        Object value = literal.value();
        if (value == null) {
            return Literal.nullOf(target);
        }
        Object converted = switch (target.kind()) {
            case INTEGER -> value instanceof Number number ? Integer.valueOf(Math.toIntExact(number.longValue())) : null;
            case BIGINT -> value instanceof Number number && !(value instanceof Double) ? number.longValue() : null;
            case DOUBLE -> value instanceof Number number ? number.doubleValue() : null;
            case DECIMAL -> value instanceof Number number
                    ? new BigDecimal(number.toString()).setScale(target.scale(), RoundingMode.HALF_UP)
                    : null;
            case VARCHAR -> value.toString();
            default -> null;
        };
        if (converted == null) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Cannot use constant[%s] of type %s as %s", value, literal.type(), target));
        }
        return new Literal(converted, target);
    }
}
