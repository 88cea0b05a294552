package io.depot.storage.ingest;

/**
 * Parses the plainest shapes of numbers and dates straight from ASCII bytes, for the CSV byte
 * path. Each parser gives exactly what {@link ValueSyntax} gives for the same text, or a sentinel
 * meaning "not this shape": the caller then takes the text path, which accepts the rest or names
 * the error.
 */
final class ByteNumbers {
    /** Not a plain number; no plain number parses to it (they have at most 18 digits). */
    static final long NOT_PLAIN = Long.MIN_VALUE;
    /** Not a plain yyyy-MM-dd date. */
    static final int NOT_A_DATE = Integer.MIN_VALUE;

    private ByteNumbers() {}

    /** An optional {@code -} and 1 to 18 digits, as {@link ValueSyntax#parseLong}; else {@link #NOT_PLAIN}. */
    static long parseLong(byte[] bytes, int start, int end) {
        boolean negative = bytes[start] == '-';
        int first = negative ? start + 1 : start;
        if (first == end || end - start > 18) {
            return NOT_PLAIN;
        }
        long value = 0;
        for (int i = first; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_PLAIN;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /**
     * An optional {@code -}, digits and an optional fraction, as the unscaled value of a
     * DECIMAL(precision, scale) with {@code precision <= 18}, as {@link ValueSyntax#parseDecimal}
     * computes it; {@link #NOT_PLAIN} for any other shape and for values it refuses.
     */
    static long parseDecimal(byte[] bytes, int start, int end, int precision, int scale) {
        int position = start;
        boolean negative = bytes[position] == '-';
        if (negative) {
            position++;
        }
        long value = 0;
        int digits = 0;
        int fractionDigits = -1;
        for (; position < end; position++) {
            byte b = bytes[position];
            if (b == '.' && fractionDigits < 0) {
                fractionDigits = 0;
                continue;
            }
            int digit = b - '0';
            if (digit < 0 || digit > 9) {
                return NOT_PLAIN;
            }
            digits++;
            if (fractionDigits >= 0) {
                fractionDigits++;
                if (fractionDigits > scale) {
                    if (digit != 0) {
                        return NOT_PLAIN;
                    }
                    continue;
                }
            }
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return NOT_PLAIN;
            }
            value = value * 10 + digit;
        }
        if (digits == 0 || fractionDigits == 0) {
            return NOT_PLAIN;
        }
        long factor = ValueSyntax.POWERS_OF_TEN[scale - Math.min(Math.max(fractionDigits, 0), scale)];
        if (value > Long.MAX_VALUE / factor) {
            return NOT_PLAIN;
        }
        value *= factor;
        if (value >= ValueSyntax.POWERS_OF_TEN[precision]) {
            return NOT_PLAIN;
        }
        return negative ? -value : value;
    }

    /** Days since 1970-01-01 of a valid {@code yyyy-MM-dd}, as {@link ValueSyntax#parseDate}; else {@link #NOT_A_DATE}. */
    static int parseDate(byte[] bytes, int start, int end) {
        if (end - start != 10 || bytes[start + 4] != '-' || bytes[start + 7] != '-') {
            return NOT_A_DATE;
        }
        int year = digits(bytes, start, 4);
        int month = digits(bytes, start + 5, 2);
        int day = digits(bytes, start + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > ValueSyntax.daysInMonth(year, month)) {
            return NOT_A_DATE;
        }
        return ValueSyntax.epochDay(year, month, day);
    }

    /** The number in {@code count} digits from {@code start}, or -1 when one is not a digit. */
    private static int digits(byte[] bytes, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
