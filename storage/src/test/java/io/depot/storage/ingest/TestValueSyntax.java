package io.depot.storage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.type.ArrowValues;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TestValueSyntax {
    @Test
    void integersParseAsLongParseLongAndIntegerParseIntDo() {
        String[] inputs = {"0", "-0", "+7", "-", "+", "", "12a", "123456789012345678", "-123456789012345678",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "2147483647", "2147483648",
            "-2147483648", "-2147483649", "٣٤", "1 ", " 1", "007", "1.0", "--1"};
        for (String input : inputs) {
            assertThat(outcome(() -> ValueSyntax.parseLong(input))).as(input).isEqualTo(outcome(() -> Long.parseLong(input)));
            assertThat(outcome(() -> ValueSyntax.parseInt(input))).as(input)
                    .isEqualTo(outcome(() -> (long) Integer.parseInt(input)));
        }
    }

    private static String outcome(java.util.function.LongSupplier parse) {
        try {
            return Long.toString(parse.getAsLong());
        } catch (NumberFormatException e) {
            return "rejected";
        }
    }

    @Test
    void datesMatchLocalDateAcrossCenturiesAndLeapDays() {
        for (LocalDate date = LocalDate.of(1, 1, 1); date.getYear() < 9999; date = date.plusDays(13)) {
            assertThat(ValueSyntax.parseDate(date.toString())).as(date.toString()).isEqualTo((int) date.toEpochDay());
        }
        assertThat(ValueSyntax.parseDate("2000-02-29")).isEqualTo((int) LocalDate.of(2000, 2, 29).toEpochDay());
        assertThat(ValueSyntax.parseDate("0000-03-01")).isEqualTo((int) LocalDate.of(0, 3, 1).toEpochDay());
        assertThat(ValueSyntax.parseDate("9999-12-31")).isEqualTo((int) LocalDate.of(9999, 12, 31).toEpochDay());
        for (String impossible : new String[] {"1900-02-29", "2023-02-29", "2024-04-31", "2024-13-01", "2024-00-10",
                "2024-01-00", "2024-01-32"}) {
            assertThatThrownBy(() -> ValueSyntax.parseDate(impossible)).as(impossible).isInstanceOf(DateTimeException.class);
        }
    }

    @Test
    void plainNumbersHaveAShape() {
        assertThat(ValueSyntax.plainNumberShape("12.50")).isEqualTo(2L << 32 | 2);
        assertThat(ValueSyntax.plainNumberShape("-0.5")).isEqualTo(1);
        assertThat(ValueSyntax.plainNumberShape("+42")).isEqualTo(2L << 32);
        assertThat(ValueSyntax.plainNumberShape("0")).isZero();
        for (String notPlain : new String[] {"007", "1e5", "12.", ".5", "-", "", "1,000", "0x10", " 1"}) {
            assertThat(ValueSyntax.plainNumberShape(notPlain)).as(notPlain).isEqualTo(ValueSyntax.NOT_PLAIN);
        }
    }

    @Test
    void doublesAreStricterThanJava() {
        for (String valid : new String[] {"1", "1.5", "-.5", "1e10", "2.5E-3", "NaN", "-Infinity", "inf", "0.1"}) {
            assertThat(ValueSyntax.isDouble(valid)).as(valid).isTrue();
        }
        for (String invalid : new String[] {"1.5d", "0x1p3", "e5", "1e", "abc", "", ".", "007.5"}) {
            assertThat(ValueSyntax.isDouble(invalid)).as(invalid).isFalse();
        }
        assertThat(ValueSyntax.parseDouble("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ValueSyntax.parseDouble("2.5E-3")).isEqualTo(0.0025);
    }

    @Test
    void decimalsParseToUnscaledLongs() {
        assertThat(ValueSyntax.parseDecimal("12.5", 10, 2)).isEqualTo(1250);
        assertThat(ValueSyntax.parseDecimal("-12", 10, 2)).isEqualTo(-1200);
        assertThat(ValueSyntax.parseDecimal("1.2500", 10, 2)).isEqualTo(125);
        assertThat(ValueSyntax.parseDecimal("999999999999999999", 18, 0)).isEqualTo(999_999_999_999_999_999L);
        for (String invalid : new String[] {"1.234", "100000000.00", "abc", "1.", "", "-", "1e5", "99999999999999999999"}) {
            assertThatThrownBy(() -> ValueSyntax.parseDecimal(invalid, 10, 2)).as(invalid)
                    .isInstanceOfAny(NumberFormatException.class, ArithmeticException.class);
        }
    }

    @Test
    void datesAndTimestampsParseByHand() {
        assertThat(ValueSyntax.parseDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(ValueSyntax.parseDate("1900-01-01")).isEqualTo(LocalDate.of(1900, 1, 1).toEpochDay());
        assertThat(ValueSyntax.parseTimestamp("2024-01-31 12:30"))
                .isEqualTo(micros(LocalDateTime.of(2024, 1, 31, 12, 30)));
        assertThat(ValueSyntax.parseTimestamp("2024-01-31T12:30:15.5"))
                .isEqualTo(micros(LocalDateTime.of(2024, 1, 31, 12, 30, 15, 500_000_000)));
        assertThat(ValueSyntax.parseTimestamp("1969-12-31 23:59:59.123456789"))
                .isEqualTo(micros(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_000)));
        assertThat(ValueSyntax.parseTimestamp("2024-01-31")).isEqualTo(micros(LocalDateTime.of(2024, 1, 31, 0, 0)));
        for (String invalid : new String[] {"2024-02-30", "2024-13-01", "2024-1-01", "24-01-01", "2024/01/01"}) {
            assertThatThrownBy(() -> ValueSyntax.parseDate(invalid)).as(invalid).isInstanceOf(DateTimeException.class);
        }
        for (String invalid : new String[] {"2024-01-01 24:00:00", "2024-01-01 12:60", "2024-01-01 12:00:00.",
                "2024-01-01 12:00:00Z", "2024-01-01 12:00:0x", "2024-01-01 1:00:00"}) {
            assertThatThrownBy(() -> ValueSyntax.parseTimestamp(invalid)).as(invalid).isInstanceOf(DateTimeException.class);
        }
    }

    private static long micros(LocalDateTime value) {
        return ArrowValues.timestampToMicros(value);
    }
}
