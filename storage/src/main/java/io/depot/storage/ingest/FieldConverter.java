package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
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

    FieldConverter(ColumnType type, String nullMarker) {
        this.type = requireNonNull(type, "type is null");
        this.nullMarker = nullMarker;
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
}
