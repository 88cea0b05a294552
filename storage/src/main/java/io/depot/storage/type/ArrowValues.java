package io.depot.storage.type;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * Boxed access to single vector values in the Java forms of {@code Literal} (Boolean, Integer,
 * Long, Double, BigDecimal, LocalDate, LocalDateTime, String).
 *
 * <p>For edges only (result sets, literals, tests): hot paths work on the buffers directly.
 */
public final class ArrowValues {
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private ArrowValues() {}

    /** The value at {@code row}, or null. */
    public static Object get(FieldVector vector, ColumnType type, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> ((BitVector) vector).get(row) != 0;
            case INTEGER -> ((IntVector) vector).get(row);
            case BIGINT -> ((BigIntVector) vector).get(row);
            case DOUBLE -> ((Float8Vector) vector).get(row);
            case DECIMAL -> type.isWideDecimal()
                    ? ((DecimalVector) vector).getObject(row)
                    : BigDecimal.valueOf(((BigIntVector) vector).get(row), type.scale());
            case DATE -> LocalDate.ofEpochDay(((DateDayVector) vector).get(row));
            case TIMESTAMP -> timestampFromMicros(((TimeStampMicroVector) vector).get(row));
            case VARCHAR -> new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8);
        };
    }

    /**
     * Sets the value at {@code row} (null sets NULL), growing the vector as needed. A DECIMAL
     * value must already have the column's scale.
     */
    public static void set(FieldVector vector, ColumnType type, int row, Object value) {
        if (value == null) {
            vector.setNull(row);
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> ((BitVector) vector).setSafe(row, (Boolean) value ? 1 : 0);
            case INTEGER -> ((IntVector) vector).setSafe(row, (Integer) value);
            case BIGINT -> ((BigIntVector) vector).setSafe(row, (Long) value);
            case DOUBLE -> ((Float8Vector) vector).setSafe(row, (Double) value);
            case DECIMAL -> {
                if (type.isWideDecimal()) {
                    ((DecimalVector) vector).setSafe(row, checkedWide((BigDecimal) value, type));
                } else {
                    ((BigIntVector) vector).setSafe(row, unscaled((BigDecimal) value, type));
                }
            }
            case DATE -> ((DateDayVector) vector).setSafe(row, Math.toIntExact(((LocalDate) value).toEpochDay()));
            case TIMESTAMP -> ((TimeStampMicroVector) vector).setSafe(row, timestampToMicros((LocalDateTime) value));
            case VARCHAR -> ((VarCharVector) vector).setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The unscaled 64-bit value of a decimal of this type; the scale must match exactly. */
    public static long unscaled(BigDecimal value, ColumnType type) {
        if (value.scale() != type.scale()) {
            throw new IllegalArgumentException("decimal " + value + " does not have scale " + type.scale());
        }
        return value.unscaledValue().longValueExact();
    }

    /**
     * The value at this DECIMAL type's scale (exactly: digits past it must be zeros) if it has at
     * most the type's precision, else null. Loaders use it for wide decimals.
     */
    public static BigDecimal fitDecimal(BigDecimal value, ColumnType type) {
        try {
            BigDecimal scaled = value.setScale(type.scale(), java.math.RoundingMode.UNNECESSARY);
            return scaled.signum() != 0 && scaled.precision() > type.precision() ? null : scaled;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A wide decimal of this type's scale and at most its precision, else IllegalArgumentException. */
    private static BigDecimal checkedWide(BigDecimal value, ColumnType type) {
        if (value.scale() != type.scale()) {
            throw new IllegalArgumentException("decimal " + value + " does not have scale " + type.scale());
        }
        if (value.precision() > type.precision()) {
            throw new IllegalArgumentException("decimal " + value + " has more than " + type.precision() + " digits");
        }
        return value;
    }

    public static long timestampToMicros(LocalDateTime value) {
        long seconds = value.toEpochSecond(ZoneOffset.UTC);
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), value.getNano() / 1_000);
    }

    public static LocalDateTime timestampFromMicros(long micros) {
        return EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
