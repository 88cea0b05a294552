package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.Arrays;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes CSV fields of one column straight into its Arrow vector, deciding NULLs by the
 * options' rules (see {@link CsvOptions#nullMarker()}).
 */
final class FieldConverter {
    private final ColumnType type;
    private final String nullMarker;
    private final byte[] nullMarkerBytes;

    FieldConverter(ColumnType type, String nullMarker) {
        this.type = requireNonNull(type, "type is null");
        this.nullMarker = nullMarker;
        this.nullMarkerBytes = nullMarker == null ? null : nullMarker.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether this field is NULL; the same rule drives type inference. */
    static boolean isNull(String field, boolean quoted, boolean varchar, String nullMarker) {
        if (!varchar && field.isBlank()) {
            return true;
        }
        if (quoted) {
            return false;
        }
        return nullMarker == null ? field.isEmpty() : field.equals(nullMarker);
    }

    /**
     * Sets row {@code row} of the vector from the field.
     *
     * @return false when the field is not a valid value of the column's type
     */
    boolean write(FieldVector vector, int row, String field, boolean quoted) {
        boolean varchar = type.kind() == TypeKind.VARCHAR;
        if (isNull(field, quoted, varchar, nullMarker)) {
            vector.setNull(row);
            return true;
        }
        if (varchar) {
            ((VarCharVector) vector).setSafe(row, field.getBytes(StandardCharsets.UTF_8));
            return true;
        }
        String text = field.strip();
        try {
            switch (type.kind()) {
                case BOOLEAN -> {
                    if (!ValueSyntax.isBoolean(text)) {
                        return false;
                    }
                    ((BitVector) vector).setSafe(row, text.equalsIgnoreCase("true") ? 1 : 0);
                }
                case INTEGER -> ((IntVector) vector).setSafe(row, ValueSyntax.parseInt(text));
                case BIGINT -> ((BigIntVector) vector).setSafe(row, ValueSyntax.parseLong(text));
                case DECIMAL -> {
                    if (type.isWideDecimal()) {
                        ((DecimalVector) vector).setSafe(row, ValueSyntax.parseWideDecimal(text, type));
                    } else {
                        ((BigIntVector) vector).setSafe(row, ValueSyntax.parseDecimal(text, type.precision(), type.scale()));
                    }
                }
                case DOUBLE -> {
                    if (!ValueSyntax.isDouble(text)) {
                        return false;
                    }
                    ((Float8Vector) vector).setSafe(row, ValueSyntax.parseDouble(text));
                }
                case DATE -> ((DateDayVector) vector).setSafe(row, ValueSyntax.parseDate(text));
                case TIMESTAMP -> ((TimeStampMicroVector) vector).setSafe(row, ValueSyntax.parseTimestamp(text));
                case VARCHAR -> throw new IllegalStateException("VARCHAR is written above");
            }
            return true;
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            return false;
        }
    }

    /**
     * Sets row {@code row} of the vector from a field given as UTF-8 bytes {@code [start, end)},
     * exactly as {@link #write(FieldVector, int, String, boolean)} would from its text. The common
     * shapes (text, plain integers and decimals, yyyy-MM-dd dates) are written straight from the
     * bytes; anything else (whitespace to strip, '+' signs, exponents, non-ASCII digits, other
     * types) goes through the text path, so both paths accept and reject the same fields.
     *
     * @return false when the field is not a valid value of the column's type
     */
    boolean write(FieldVector vector, int row, byte[] bytes, int start, int end, boolean quoted) {
        int length = end - start;
        if (type.kind() == TypeKind.VARCHAR) {
            boolean isNull = !quoted && (nullMarkerBytes == null
                    ? length == 0 : Arrays.equals(bytes, start, end, nullMarkerBytes, 0, nullMarkerBytes.length));
            if (isNull) {
                vector.setNull(row);
            } else {
                ((VarCharVector) vector).setSafe(row, bytes, start, length);
            }
            return true;
        }
        // The parsers below take only digits, '-' and '.', so whitespace to strip, blank fields
        // and non-ASCII text all fall to the text path; a null marker must be caught first.
        if (length == 0 || (nullMarkerBytes != null && !quoted
                && Arrays.equals(bytes, start, end, nullMarkerBytes, 0, nullMarkerBytes.length))) {
            return writeText(vector, row, bytes, start, end, quoted);
        }
        switch (type.kind()) {
            case INTEGER, BIGINT -> {
                long value = ByteNumbers.parseLong(bytes, start, end);
                if (value == ByteNumbers.NOT_PLAIN
                        || (type.kind() == TypeKind.INTEGER && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE))) {
                    return writeText(vector, row, bytes, start, end, quoted);
                }
                if (vector instanceof IntVector ints) {
                    ints.setSafe(row, (int) value);
                } else {
                    ((BigIntVector) vector).setSafe(row, value);
                }
                return true;
            }
            case DECIMAL -> {
                if (!(vector instanceof BigIntVector longs)) {
                    return writeText(vector, row, bytes, start, end, quoted);
                }
                long value = ByteNumbers.parseDecimal(bytes, start, end, type.precision(), type.scale());
                if (value == ByteNumbers.NOT_PLAIN) {
                    return writeText(vector, row, bytes, start, end, quoted);
                }
                longs.setSafe(row, value);
                return true;
            }
            case DATE -> {
                int day = ByteNumbers.parseDate(bytes, start, end);
                if (day == ByteNumbers.NOT_A_DATE) {
                    return writeText(vector, row, bytes, start, end, quoted);
                }
                ((DateDayVector) vector).setSafe(row, day);
                return true;
            }
            default -> {
                return writeText(vector, row, bytes, start, end, quoted);
            }
        }
    }

    private boolean writeText(FieldVector vector, int row, byte[] bytes, int start, int end, boolean quoted) {
        return write(vector, row, new String(bytes, start, end - start, StandardCharsets.UTF_8), quoted);
    }
}
