package io.depot.engine.expression;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The canonical text forms of values (CAST to and from VARCHAR): DECIMAL with exactly its
 * scale, DATE {@code yyyy-MM-dd}, TIMESTAMP {@code yyyy-MM-dd HH:mm:ss[.ffffff]} with trailing
 * fraction zeros trimmed, BOOLEAN {@code true}/{@code false}, DOUBLE as Java prints it.
 */
public final class ValueText {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final Pattern DOUBLE_TEXT =
            Pattern.compile("[+-]?(NaN|Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

    private ValueText() {}

    /** The text of a value held as 64 bits (see {@code LongData}) of this type. */
    public static String format(long value, ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> value != 0 ? "true" : "false";
            case INTEGER, BIGINT -> Long.toString(value);
            case DECIMAL -> BigDecimal.valueOf(value, type.scale()).toPlainString();
            case DATE -> LocalDate.ofEpochDay(value).toString();
            case TIMESTAMP -> formatTimestamp(value);
            case DOUBLE, VARCHAR -> throw new IllegalArgumentException("not a 64-bit type: " + type);
        };
    }

    public static String formatDouble(double value) {
        return Double.toString(value);
    }

    static String formatTimestamp(long micros) {
        LocalDateTime time = ArrowValues.timestampFromMicros(micros);
        StringBuilder text = new StringBuilder(26);
        text.append(time.toLocalDate()).append(' ');
        appendTwoDigits(text, time.getHour());
        text.append(':');
        appendTwoDigits(text, time.getMinute());
        text.append(':');
        appendTwoDigits(text, time.getSecond());
        long fraction = Math.floorMod(micros, MICROS_PER_SECOND);
        if (fraction != 0) {
            String digits = Long.toString(MICROS_PER_SECOND + fraction).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        return text.toString();
    }

    private static void appendTwoDigits(StringBuilder text, int value) {
        if (value < 10) {
            text.append('0');
        }
        text.append(value);
    }

    /** Parses text into the 64-bit form of this type (not DOUBLE or VARCHAR). */
    public static long parse(String text, ColumnType type) {
        String trimmed = text.trim();
        try {
            return switch (type.kind()) {
                case BOOLEAN -> parseBoolean(trimmed, text, type) ? 1 : 0;
                case INTEGER -> Integer.parseInt(trimmed);
                case BIGINT -> Long.parseLong(trimmed);
                case DECIMAL -> decimalToUnscaled(new BigDecimal(trimmed), type);
                case DATE -> LocalDate.parse(trimmed).toEpochDay();
                case TIMESTAMP -> parseTimestamp(trimmed);
                case DOUBLE, VARCHAR -> throw new IllegalArgumentException("not a 64-bit type: " + type);
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw cannotCast(text, type);
        }
    }

    public static double parseDouble(String text) {
        String trimmed = text.trim();
        try {
            // Java would also accept hexadecimal and a trailing d/f; SQL text has neither.
            if (!DOUBLE_TEXT.matcher(trimmed).matches()) {
                throw new NumberFormatException(trimmed);
            }
            return Double.parseDouble(trimmed);
        } catch (NumberFormatException e) {
            throw cannotCast(text, ColumnType.DOUBLE);
        }
    }

    /** The unscaled value of a decimal rounded half-up to the type's scale; overflow is a user error. */
    static long decimalToUnscaled(BigDecimal value, ColumnType type) {
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
            throw NumericErrors.overflow("value[" + value.toPlainString() + "] does not fit " + type);
        }
        return scaled.unscaledValue().longValueExact();
    }

    static DepotException cannotCast(String text, ColumnType type) {
        return new DepotException(ErrorCode.USER, "Cannot cast '" + text + "' to " + type);
    }

    private static boolean parseBoolean(String trimmed, String text, ColumnType type) {
        return switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "on", "1" -> true;
            case "false", "f", "no", "n", "off", "0" -> false;
            default -> throw cannotCast(text, type);
        };
    }

    private static long parseTimestamp(String trimmed) {
        String iso = trimmed.length() == 10 ? trimmed + "T00:00" : trimmed.replaceFirst(" ", "T");
        return ArrowValues.timestampToMicros(LocalDateTime.parse(iso));
    }
}
