package io.depot.storage.table;

import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Zone map bounds as the manifest spells them: the literal's canonical text, so the JSON stays
 * readable and exact (doubles in Java's round-trip form, including NaN, Infinity and -0.0).
 */
final class BoundText {
    private BoundText() {}

    /** The text of a bound (null for none). */
    static String format(Object bound, ColumnType type) {
        if (bound == null) {
            return null;
        }
        return switch (type.kind()) {
            case DECIMAL -> ((BigDecimal) bound).toPlainString();
            default -> bound.toString();
        };
    }

    /**
     * The bound a text stands for (null for none).
     *
     * @throws RuntimeException when the text is not a literal of the type
     */
    static Object parse(String text, ColumnType type) {
        if (text == null) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> parseBoolean(text);
            case INTEGER -> Integer.parseInt(text);
            case BIGINT -> Long.parseLong(text);
            case DOUBLE -> Double.parseDouble(text);
            case DECIMAL -> new BigDecimal(text).setScale(type.scale());
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP -> LocalDateTime.parse(text);
            case VARCHAR -> text;
        };
    }

    private static Boolean parseBoolean(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }
}
