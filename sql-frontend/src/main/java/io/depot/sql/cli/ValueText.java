package io.depot.sql.cli;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** How the CLI writes single values as text: the forms SQL users and CSV readers expect. */
final class ValueText {
    /** Timestamps as {@code 2024-01-02 03:04:05}, with a fraction only when there is one. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .toFormatter();

    private ValueText() {}

    /** The text of a value in the Java forms of {@code ArrowValues.get}; null gives null. */
    static String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                return number.toString();
            }
            // Plain digits rather than 1.0E7, keeping ".0" on whole numbers like other engines.
            return BigDecimal.valueOf(number).toPlainString();
        }
        if (value instanceof LocalDateTime timestamp) {
            return TIMESTAMP.format(timestamp);
        }
        return value.toString();
    }
}
