package io.depot.storage.type;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A logical type: a kind plus, for DECIMAL, precision and scale.
 *
 * @param precision total digits for DECIMAL (1..38), 0 for every other kind
 * @param scale digits after the point for DECIMAL (0..precision), 0 for every other kind
 */
public record ColumnType(TypeKind kind, int precision, int scale) {
    /** Largest DECIMAL precision stored as a scaled 64-bit integer; wider ones take 128 bits. */
    public static final int MAX_LONG_DECIMAL_PRECISION = 18;
    /** Largest DECIMAL precision: a scaled 128-bit integer holds 38 digits. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    public static final ColumnType BOOLEAN = new ColumnType(TypeKind.BOOLEAN, 0, 0);
    public static final ColumnType INTEGER = new ColumnType(TypeKind.INTEGER, 0, 0);
    public static final ColumnType BIGINT = new ColumnType(TypeKind.BIGINT, 0, 0);
    public static final ColumnType DOUBLE = new ColumnType(TypeKind.DOUBLE, 0, 0);
    public static final ColumnType DATE = new ColumnType(TypeKind.DATE, 0, 0);
    public static final ColumnType TIMESTAMP = new ColumnType(TypeKind.TIMESTAMP, 0, 0);
    public static final ColumnType VARCHAR = new ColumnType(TypeKind.VARCHAR, 0, 0);

    private static final Pattern DECIMAL_PATTERN =
            Pattern.compile("DECIMAL\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    public ColumnType {
        requireNonNull(kind, "kind is null");
        if (kind == TypeKind.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "DECIMAL precision[%d] must be between 1 and %d", precision, MAX_DECIMAL_PRECISION));
            }
            if (scale < 0 || scale > precision) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "DECIMAL scale[%d] must be between 0 and precision[%d]", scale, precision));
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException("only DECIMAL has precision and scale: " + kind);
        }
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(TypeKind.DECIMAL, precision, scale);
    }

    /** Parses the form {@link #toString()} produces, e.g. {@code BIGINT} or {@code DECIMAL(15,2)}. */
    public static ColumnType parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL_PATTERN.matcher(normalized);
        if (decimal.matches()) {
            return decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        try {
            TypeKind kind = TypeKind.valueOf(normalized);
            if (kind == TypeKind.DECIMAL) {
                return decimal(MAX_LONG_DECIMAL_PRECISION, 0);
            }
            return new ColumnType(kind, 0, 0);
        } catch (IllegalArgumentException e) {
            throw new DepotException(ErrorCode.USER, String.format("Unknown type[%s]", text));
        }
    }

    /**
     * Whether this is a DECIMAL wider than {@link #MAX_LONG_DECIMAL_PRECISION} digits, held as a
     * scaled 128-bit integer (Arrow's DecimalVector) instead of a scaled long.
     */
    public boolean isWideDecimal() {
        return kind == TypeKind.DECIMAL && precision > MAX_LONG_DECIMAL_PRECISION;
    }

    @Override
    public String toString() {
        return kind == TypeKind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.name();
    }
}
