package io.depot.sql;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the values bound to a statement's {@code ?} parameters into the Java forms of the
 * parameters' types (those of {@code io.depot.engine.expression.Literal}).
 *
 * <p>Accepted: null; Boolean; any Number for numeric types (a decimal rounds half-up to its
 * scale); LocalDate, java.sql.Date for DATE; LocalDateTime, java.sql.Timestamp for TIMESTAMP;
 * a String for any type, parsed as SQL text ({@code 2024-01-31}, {@code 2024-01-31 12:00:00},
 * {@code 12.50}, {@code true}).
 */
public final class Parameters {
    private Parameters() {}

    /** The values, each converted to its parameter's type; the count must match. */
    public static List<Object> bind(List<Object> values, List<ColumnType> types) {
        if (values.size() != types.size()) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Statement has %d parameters but %d values were given", types.size(), values.size()));
        }
        List<Object> bound = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            bound.add(coerce(values.get(i), types.get(i), i + 1));
        }
        return bound;
    }

    /** One value converted to {@code type}; {@code position} (1-based) names it in errors. */
    public static Object coerce(Object value, ColumnType type, int position) {
        if (value == null) {
            return null;
        }
        try {
            Object converted = convert(value, type);
            if (converted != null) {
                return converted;
            }
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            // reported below, with the parameter named
        }
        throw new DepotException(ErrorCode.USER, String.format(
                "Parameter %d value[%s] of class %s cannot be used as %s",
                position, value, value.getClass().getSimpleName(), type));
    }

    private static Object convert(Object value, ColumnType type) {
        if (value instanceof String text) {
            return parse(text.trim(), type);
        }
        return switch (type.kind()) {
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case INTEGER -> value instanceof Number number ? Math.toIntExact(exactLong(number)) : null;
            case BIGINT -> value instanceof Number number ? exactLong(number) : null;
            case DOUBLE -> value instanceof Number number ? number.doubleValue() : null;
            case DECIMAL -> value instanceof Number number ? decimal(new BigDecimal(number.toString()), type) : null;
            case DATE -> value instanceof LocalDate ? value
                    : value instanceof java.sql.Date date ? date.toLocalDate() : null;
            case TIMESTAMP -> value instanceof LocalDateTime ? value
                    : value instanceof java.sql.Timestamp timestamp ? timestamp.toLocalDateTime() : null;
            case VARCHAR -> value.toString();
        };
    }

    private static Object parse(String text, ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> text.equalsIgnoreCase("true") ? Boolean.TRUE : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            case INTEGER -> Integer.parseInt(text);
            case BIGINT -> Long.parseLong(text);
            case DOUBLE -> Double.parseDouble(text);
            case DECIMAL -> decimal(new BigDecimal(text), type);
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP -> LocalDateTime.parse(text.replace(' ', 'T'));
            case VARCHAR -> text;
        };
    }

    /** Whole numbers only: 2.5 is not silently a BIGINT 2. */
    private static long exactLong(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        if (number instanceof Double || number instanceof Float) {
            return new BigDecimal(number.toString()).longValueExact();
        }
        return number.longValue();
    }

    private static BigDecimal decimal(BigDecimal value, ColumnType type) {
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() > type.precision()) {
            throw new ArithmeticException("too many digits");
        }
        return scaled;
    }
}
