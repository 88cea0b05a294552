package io.depot.sql.jdbc;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.Rep;

/**
 * How each Depot {@link ColumnType} looks to a JDBC client: {@link Types} code, type name,
 * precision, scale and the Avatica representation of its values on the wire.
 *
 * <p>In process, rows never go through Avatica's representations: {@link DepotCursor} reads
 * Arrow vectors and converts with {@link ValueAccessor}. The wire forms (DATE as epoch days,
 * TIMESTAMP as wall-clock milliseconds) exist for {@link DepotMeta#fetch}, i.e. for a remote
 * Avatica client, and follow Calcite's conventions so Avatica's own accessors decode them.
 */
final class JdbcTypes {
    /** Reported length of VARCHAR, which has no declared bound in Depot. */
    static final int VARCHAR_LENGTH = Integer.MAX_VALUE;
    /** Digits after the second in a TIMESTAMP (microseconds). */
    static final int TIMESTAMP_FRACTION_DIGITS = 6;

    private JdbcTypes() {}

    /** The {@link Types} code. */
    static int sqlType(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Types.BOOLEAN;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case DATE -> Types.DATE;
            case TIMESTAMP -> Types.TIMESTAMP;
            case VARCHAR -> Types.VARCHAR;
        };
    }

    /** The type name without precision and scale, as {@code getColumnTypeName} reports it. */
    static String typeName(ColumnType type) {
        return type.kind().name();
    }

    /**
     * Precision in the JDBC sense: digits for numbers, characters of the text form for dates and
     * timestamps, maximum length for strings.
     */
    static int precision(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> 1;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case DOUBLE -> 17;
            case DECIMAL -> type.precision();
            case DATE -> 10;
            case TIMESTAMP -> 20 + TIMESTAMP_FRACTION_DIGITS;
            case VARCHAR -> VARCHAR_LENGTH;
        };
    }

    /** Digits after the decimal point: the DECIMAL scale, the TIMESTAMP fraction, else 0. */
    static int scale(ColumnType type) {
        return switch (type.kind()) {
            case DECIMAL -> type.scale();
            case TIMESTAMP -> TIMESTAMP_FRACTION_DIGITS;
            default -> 0;
        };
    }

    /** Characters needed to display any value. */
    static int displaySize(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> 5;
            case INTEGER -> 11;
            case BIGINT -> 20;
            case DOUBLE -> 24;
            // sign, digits and the decimal point
            case DECIMAL -> type.precision() + (type.scale() > 0 ? 2 : 1);
            case DATE, TIMESTAMP, VARCHAR -> precision(type);
        };
    }

    /** {@code DECIMAL_DIGITS} of {@code getColumns}: null where it does not apply. */
    static Integer decimalDigits(ColumnType type) {
        return switch (type.kind()) {
            case INTEGER, BIGINT, DECIMAL, TIMESTAMP -> scale(type);
            default -> null;
        };
    }

    /** {@code NUM_PREC_RADIX} of {@code getColumns}: 10 for numbers, null for the rest. */
    static Integer radix(ColumnType type) {
        return type.kind().isNumeric() ? 10 : null;
    }

    /** The class {@code getObject} returns for the type, as {@code getColumnClassName} says. */
    static Class<?> javaClass(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Boolean.class;
            case INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case DOUBLE -> Double.class;
            case DECIMAL -> BigDecimal.class;
            case DATE -> java.sql.Date.class;
            case TIMESTAMP -> Timestamp.class;
            case VARCHAR -> String.class;
        };
    }

    /** The JDBC description of a statement parameter of this type. */
    static AvaticaParameter parameter(ColumnType type) {
        return new AvaticaParameter(
                type.kind().isNumeric(), precision(type), scale(type), sqlType(type), typeName(type),
                javaClass(type).getName(), "?");
    }

    /** How values travel in an Avatica frame; see {@link #wireValue}. */
    static Rep wireRep(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Rep.BOOLEAN;
            case INTEGER, DATE -> Rep.INTEGER;
            case BIGINT, TIMESTAMP -> Rep.LONG;
            case DOUBLE -> Rep.DOUBLE;
            case DECIMAL -> Rep.NUMBER;
            case VARCHAR -> Rep.STRING;
        };
    }

    /**
     * A value as read by {@code ArrowValues.get} in its wire form: DATE becomes days since
     * 1970-01-01 and TIMESTAMP the wall-clock time as milliseconds since 1970-01-01T00:00
     * (Calcite's convention; sub-millisecond digits are lost on the wire).
     */
    static Object wireValue(Object value) {
        if (value instanceof LocalDate date) {
            return Math.toIntExact(date.toEpochDay());
        }
        if (value instanceof LocalDateTime timestamp) {
            return timestamp.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return value;
    }

    /** The description of result column {@code ordinal} (0-based). */
    static ColumnMetaData columnMetaData(Column column, int ordinal) {
        ColumnType type = column.type();
        return new ColumnMetaData(
                ordinal,
                false,
                // Depot compares identifiers ignoring case, values with case
                type.kind() == TypeKind.VARCHAR,
                true,
                false,
                column.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                type.kind().isNumeric(),
                displaySize(type),
                column.name(),
                column.name(),
                null,
                precision(type),
                scale(type),
                null,
                null,
                ColumnMetaData.scalar(sqlType(type), typeName(type), wireRep(type)),
                true,
                false,
                false,
                javaClass(type).getName());
    }
}
