package io.depot.storage.ingest;

import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The text forms the CSV loader accepts for each type, shared by type inference and conversion.
 * Parsers return primitives (unscaled longs, epoch days, microseconds) so conversion does not box.
 */
final class ValueSyntax {
    /** Returned by {@link #plainNumberShape} for text that is not a plain number. */
    static final long NOT_PLAIN = -1;

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private ValueSyntax() {}

    static boolean isBoolean(String text) {
        return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
    }

    /**
     * Describes {@code [sign] digits [. digits]} as {@code integerDigits << 32 | scale}, where
     * integerDigits leaves out a lone leading zero; {@link #NOT_PLAIN} for anything else,
     * including integer parts with leading zeros ("007"), which are codes rather than numbers.
     */
    static long plainNumberShape(String text) {
        int length = text.length();
        int position = 0;
        if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            position++;
        }
        int integerStart = position;
        while (position < length && isDigit(text.charAt(position))) {
            position++;
        }
        int integerDigits = position - integerStart;
        if (integerDigits == 0 || (integerDigits > 1 && text.charAt(integerStart) == '0')) {
            return NOT_PLAIN;
        }
        if (integerDigits == 1 && text.charAt(integerStart) == '0') {
            integerDigits = 0;
        }
        if (position == length) {
            return (long) integerDigits << 32;
        }
        if (text.charAt(position) != '.') {
            return NOT_PLAIN;
        }
        int fractionStart = ++position;
        while (position < length && isDigit(text.charAt(position))) {
            position++;
        }
        int scale = position - fractionStart;
        if (scale == 0 || position != length) {
            return NOT_PLAIN;
        }
        return (long) integerDigits << 32 | scale;
    }

    /**
     * {@link Long#parseLong(String)}, the same values accepted and rejected, with a fast path for
     * up to 18 ASCII digits and a sign (which cannot overflow); anything else goes to
     * {@code Long.parseLong}, which also takes other scripts' digits.
     */
    static long parseLong(String text) {
        int length = text.length();
        if (length == 0 || length > 18) {
            return Long.parseLong(text);
        }
        char first = text.charAt(0);
        boolean signed = first == '-' || first == '+';
        if (signed && length == 1) {
            throw new NumberFormatException("For input string: \"" + text + "\"");
        }
        long value = 0;
        for (int i = signed ? 1 : 0; i < length; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return Long.parseLong(text);
            }
            value = value * 10 + digit;
        }
        return first == '-' ? -value : value;
    }

    /** {@link Integer#parseInt(String)}, the same values accepted and rejected, via {@link #parseLong}. */
    static int parseInt(String text) {
        long value = parseLong(text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new NumberFormatException("For input string: \"" + text + "\" is out of INTEGER range");
        }
        return (int) value;
    }

    /** Whether a plain integer of this many digits fits a BIGINT. */
    static boolean fitsBigint(String text, int integerDigits) {
        if (integerDigits < 19) {
            return true;
        }
        try {
            Long.parseLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Decimal numbers with an optional exponent, plus NaN and (-)Infinity/inf. Stricter than
     * {@link Double#parseDouble}, which also takes hex and a trailing 'd' or 'f'.
     */
    static boolean isDouble(String text) {
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (unsigned.equalsIgnoreCase("nan") || unsigned.equalsIgnoreCase("infinity")
                || unsigned.equalsIgnoreCase("inf")) {
            return true;
        }
        int length = unsigned.length();
        int position = 0;
        while (position < length && isDigit(unsigned.charAt(position))) {
            position++;
        }
        int integerDigits = position;
        if (integerDigits > 1 && unsigned.charAt(0) == '0') {
            return false;
        }
        int fractionDigits = 0;
        if (position < length && unsigned.charAt(position) == '.') {
            position++;
            while (position < length && isDigit(unsigned.charAt(position))) {
                position++;
                fractionDigits++;
            }
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (position < length && (unsigned.charAt(position) == 'e' || unsigned.charAt(position) == 'E')) {
            position++;
            if (position < length && (unsigned.charAt(position) == '-' || unsigned.charAt(position) == '+')) {
                position++;
            }
            int exponentStart = position;
            while (position < length && isDigit(unsigned.charAt(position))) {
                position++;
            }
            if (position == exponentStart) {
                return false;
            }
        }
        return position == length;
    }

    /** Parses a value {@link #isDouble} accepts. */
    static double parseDouble(String text) {
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(text);
    }

    /**
     * The unscaled value of a plain number as DECIMAL(precision, scale).
     *
     * @throws NumberFormatException if the text is not a plain number, needs more digits after
     *     the point than {@code scale} (extra trailing zeros are fine) or more than
     *     {@code precision} digits in all
     */
    static long parseDecimal(String text, int precision, int scale) {
        int length = text.length();
        int position = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            position++;
        }
        long value = 0;
        int digits = 0;
        int fractionDigits = -1;
        for (; position < length; position++) {
            char c = text.charAt(position);
            if (c == '.' && fractionDigits < 0) {
                fractionDigits = 0;
                continue;
            }
            if (!isDigit(c)) {
                throw new NumberFormatException();
            }
            int digit = c - '0';
            digits++;
            if (fractionDigits >= 0) {
                fractionDigits++;
                if (fractionDigits > scale) {
                    if (digit != 0) {
                        throw new NumberFormatException();
                    }
                    continue;
                }
            }
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw new NumberFormatException();
            }
            value = value * 10 + digit;
        }
        if (digits == 0 || fractionDigits == 0) {
            throw new NumberFormatException();
        }
        int missingScale = scale - Math.min(Math.max(fractionDigits, 0), scale);
        value = Math.multiplyExact(value, POWERS_OF_TEN[missingScale]);
        if (value >= POWERS_OF_TEN[precision]) {
            throw new NumberFormatException();
        }
        return negative ? -value : value;
    }

    /**
     * A plain number as a DECIMAL(precision, scale) wider than 18 digits, under the rules of
     * {@link #parseDecimal}; one BigDecimal per value, as 128 bits do not fit a long.
     *
     * @throws NumberFormatException as {@link #parseDecimal} does
     */
    static BigDecimal parseWideDecimal(String text, ColumnType type) {
        if (plainNumberShape(text) == NOT_PLAIN) {
            throw new NumberFormatException();
        }
        BigDecimal value = ArrowValues.fitDecimal(new BigDecimal(text), type);
        if (value == null) {
            throw new NumberFormatException();
        }
        return value;
    }

    /** Whether the text looks like yyyy-MM-dd, checked cheaply before a real parse. */
    static boolean looksLikeDate(String text) {
        return text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-';
    }

    /** Days since 1970-01-01 of a yyyy-MM-dd date; parsed by hand, as DateTimeFormatter is slow. */
    static int parseDate(String text) {
        if (!looksLikeDate(text)) {
            throw new DateTimeParseException("not yyyy-MM-dd", text, 0);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            throw new DateTimeParseException("no such date", text, 0); // e.g. 2024-02-30
        }
        return epochDay(year, month, day);
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * Days since 1970-01-01 of a valid proleptic Gregorian date, as {@code LocalDate.toEpochDay}
     * computes it but without building a LocalDate per value (H. Hinnant's days_from_civil).
     */
    static int epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** Whether the text is a date with a time ({@code ' '} or {@code 'T'} between them). */
    static boolean looksLikeTimestamp(String text) {
        return text.length() >= 16 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && (text.charAt(10) == ' ' || text.charAt(10) == 'T') && text.charAt(13) == ':';
    }

    /**
     * Microseconds since 1970-01-01T00:00 of {@code yyyy-MM-dd HH:mm[:ss[.fraction]]} (or with
     * 'T'), or of a bare date (midnight). Fraction digits beyond microseconds are dropped.
     */
    static long parseTimestamp(String text) {
        if (looksLikeDate(text)) {
            return Math.multiplyExact((long) parseDate(text), MICROS_PER_DAY);
        }
        if (!looksLikeTimestamp(text)) {
            throw new DateTimeParseException("not yyyy-MM-dd HH:mm:ss", text, 0);
        }
        long epochDay = parseDate(text.substring(0, 10));
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = 0;
        long micros = 0;
        int position = 16;
        if (position < text.length()) {
            if (text.charAt(position) != ':' || text.length() < position + 3) {
                throw new DateTimeParseException("bad seconds", text, position);
            }
            second = digits(text, position + 1, 2);
            position += 3;
        }
        if (position < text.length()) {
            int fractionDigits = text.length() - position - 1;
            if (text.charAt(position) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                throw new DateTimeParseException("bad fraction", text, position);
            }
            int kept = Math.min(fractionDigits, 6);
            micros = digits(text, position + 1, kept) * POWERS_OF_TEN[6 - kept];
            digits(text, position + 1, fractionDigits);
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeParseException("time out of range", text, 11);
        }
        long secondOfDay = hour * 3_600L + minute * 60L + second;
        return Math.addExact(Math.multiplyExact(epochDay, MICROS_PER_DAY), secondOfDay * 1_000_000L + micros);
    }

    /** The decimal number in {@code text[start, start + count)}; throws if any is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                throw new DateTimeParseException("not a digit", text, i);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
