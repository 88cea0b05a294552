package io.depot.sql.pgwire;

import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Values in PostgreSQL's text output format, as {@code psql} shows them and drivers parse them:
 * {@code t}/{@code f}, numerics with their full scale ({@code 12.50}), doubles in the shortest
 * form that reads back exactly ({@code 0.1}, {@code 1e+20}, {@code Infinity}), ISO dates and
 * {@code 2024-01-31 12:00:00.5} timestamps.
 */
final class TextValues {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private TextValues() {}

    /** Appends row {@code row} of the vector (not null) as text; reads the vector's primitive buffer, no boxing. */
    static void append(MessageWriter out, FieldVector vector, ColumnType type, int row) {
        switch (type.kind()) {
            case BOOLEAN -> out.ascii(((BitVector) vector).get(row) != 0 ? "t" : "f");
            case INTEGER -> out.ascii(Integer.toString(((IntVector) vector).get(row)));
            case BIGINT -> out.ascii(Long.toString(((BigIntVector) vector).get(row)));
            case DOUBLE -> out.ascii(formatDouble(((Float8Vector) vector).get(row)));
            case DECIMAL -> out.ascii(formatDecimal(((BigIntVector) vector).get(row), type.scale()));
            case DATE -> out.ascii(formatDate(((DateDayVector) vector).get(row)));
            case TIMESTAMP -> out.ascii(formatTimestamp(((TimeStampMicroVector) vector).get(row)));
            case VARCHAR -> {
                VarCharVector strings = (VarCharVector) vector;
                long start = strings.getStartOffset(row);
                int length = (int) (strings.getEndOffset(row) - start);
                byte[] bytes = new byte[length];
                strings.getDataBuffer().getBytes(start, bytes, 0, length);
                out.bytes(bytes);
            }
        }
    }

    /** A Java value (as {@code ArrowValues.get} gives it, or a catalog answer's) as text. */
    static String format(Object value, ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> ((Boolean) value) ? "t" : "f";
            case INTEGER, BIGINT -> value.toString();
            case DOUBLE -> formatDouble(((Number) value).doubleValue());
            case DECIMAL -> ((BigDecimal) value).setScale(type.scale(), java.math.RoundingMode.HALF_UP).toPlainString();
            case DATE -> ((LocalDate) value).toString();
            case TIMESTAMP -> formatTimestamp((LocalDateTime) value);
            case VARCHAR -> value.toString();
        };
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String formatDecimal(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale).toPlainString();
    }

    /**
     * PostgreSQL 12+'s float8 output (extra_float_digits ≥ 1): the shortest digits that read back
     * exactly, in fixed notation when the decimal exponent is in [-4, 15), otherwise as
     * {@code d.ddde+XX}.
     */
    static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        // Double.toString gives the shortest digits that round-trip (up to rare JDK 17 cases); it
        // writes plain decimals exactly for 1e-3 <= |value| < 1e7, where PostgreSQL does too
        String shortest = Double.toString(value);
        if (shortest.indexOf('E') < 0) {
            return shortest.endsWith(".0") ? shortest.substring(0, shortest.length() - 2) : shortest;
        }
        BigDecimal decimal = new BigDecimal(shortest).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 15) {
            return sign + decimal.abs().toPlainString();
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exponentText = Integer.toString(Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exponentText.length() < 2 ? "0" : "") + exponentText;
    }

    static String formatDate(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    static String formatTimestamp(long micros) {
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long ofDay = Math.floorMod(micros, MICROS_PER_DAY);
        StringBuilder text = new StringBuilder(26).append(LocalDate.ofEpochDay(days)).append(' ');
        long seconds = ofDay / 1_000_000;
        two(text, (int) (seconds / 3600)).append(':');
        two(text, (int) (seconds / 60 % 60)).append(':');
        two(text, (int) (seconds % 60));
        appendFraction(text, (int) (ofDay % 1_000_000));
        return text.toString();
    }

    static String formatTimestamp(LocalDateTime value) {
        long micros = value.toLocalDate().toEpochDay() * MICROS_PER_DAY + value.toLocalTime().toNanoOfDay() / 1000;
        return formatTimestamp(micros);
    }

    private static StringBuilder two(StringBuilder text, int value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }

    /** {@code .5}, {@code .123456}: PostgreSQL drops trailing zeros of the fraction and omits a zero one. */
    private static void appendFraction(StringBuilder text, int micros) {
        if (micros == 0) {
            return;
        }
        String fraction = Integer.toString(1_000_000 + micros).substring(1);
        int end = fraction.length();
        while (fraction.charAt(end - 1) == '0') {
            end--;
        }
        text.append('.').append(fraction, 0, end);
    }
}
