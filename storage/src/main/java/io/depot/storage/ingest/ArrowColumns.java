package io.depot.storage.ingest;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow data written by other tools (Arrow IPC files and streams, Parquet read through Arrow):
 * which Depot type each column gets, and copying whole column ranges into a {@link BatchSink}
 * with one typed loop per column.
 *
 * <p>Types: Bool to BOOLEAN; signed Int of 8, 16, 32 bits to INTEGER, Int64 and unsigned 8 to 32
 * bits to BIGINT; floating point to DOUBLE; Decimal(p,s) with p at most 38 to DECIMAL(p,s), wider
 * to DOUBLE; Date (day or millisecond) to DATE; Timestamp of any unit to TIMESTAMP in
 * microseconds (with a time zone: the UTC instant, as Arrow stores it); Utf8 and LargeUtf8 to
 * VARCHAR. Others (lists, structs, binary, dictionaries, unsigned 64 bits, ...) fail naming the column.
 */
final class ArrowColumns {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ArrowColumns() {}

    /** The Depot columns of an Arrow schema. */
    static TableSchema tableSchema(Schema schema, String source) {
        List<Column> columns = new ArrayList<>(schema.getFields().size());
        for (Field field : schema.getFields()) {
            columns.add(Column.nullable(field.getName(), depotType(field, source)));
        }
        return new TableSchema(columns);
    }

    static ColumnType depotType(Field field, String source) {
        if (field.getDictionary() != null) {
            throw unsupported(field, source, "dictionary-encoded " + field.getType());
        }
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Bool) {
            return ColumnType.BOOLEAN;
        }
        if (type instanceof ArrowType.Int integer) {
            if (integer.getBitWidth() == 64) {
                if (!integer.getIsSigned()) {
                    throw unsupported(field, source, "unsigned 64-bit integer");
                }
                return ColumnType.BIGINT;
            }
            return integer.getIsSigned() ? ColumnType.INTEGER : ColumnType.BIGINT;
        }
        if (type instanceof ArrowType.FloatingPoint) {
            return ColumnType.DOUBLE;
        }
        if (type instanceof ArrowType.Decimal decimal) {
            return decimal.getPrecision() <= ColumnType.MAX_DECIMAL_PRECISION && decimal.getScale() >= 0
                    ? ColumnType.decimal(Math.max(1, decimal.getPrecision()), decimal.getScale())
                    : ColumnType.DOUBLE;
        }
        if (type instanceof ArrowType.Date) {
            return ColumnType.DATE;
        }
        if (type instanceof ArrowType.Timestamp) {
            return ColumnType.TIMESTAMP;
        }
        if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
            return ColumnType.VARCHAR;
        }
        throw unsupported(field, source, type.toString());
    }

    private static DepotException unsupported(Field field, String source, String type) {
        return new DepotException(ErrorCode.USER, String.format(
                "%s column[%s] has type %s, which Depot cannot load", source, field.getName(), type));
    }

    /**
     * Which column of the Arrow data fills each sink column (matched by name, ignoring case);
     * every Arrow column must be a table column and each must convert to the column's type.
     */
    static int[] mapping(Schema schema, TableSchema columns, String source, String table) {
        TableSchema incoming = tableSchema(schema, source);
        for (int i = 0; i < incoming.size(); i++) {
            if (columns.indexOf(incoming.column(i).name()).isEmpty()) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "%s column[%s] is not a column of table[%s]", source, incoming.column(i).name(), table));
            }
        }
        int[] fields = new int[columns.size()];
        for (int column = 0; column < fields.length; column++) {
            Column target = columns.column(column);
            int field = incoming.indexOf(target.name()).orElseThrow(() -> new DepotException(ErrorCode.USER,
                    String.format("%s has no column[%s] of table[%s]", source, target.name(), table)));
            ColumnType from = incoming.column(field).type();
            if (!converts(from, target.type())) {
                throw new DepotException(ErrorCode.USER, String.format("%s column[%s] is %s, which table[%s] cannot take as %s",
                        source, target.name(), from, table, target.type()));
            }
            fields[column] = field;
        }
        return fields;
    }

    private static boolean converts(ColumnType from, ColumnType to) {
        if (from.equals(to)) {
            return true;
        }
        return switch (to.kind()) {
            case BIGINT -> from.kind() == TypeKind.INTEGER;
            case DOUBLE -> from.kind() == TypeKind.INTEGER || from.kind() == TypeKind.BIGINT || from.kind() == TypeKind.DECIMAL;
            case DECIMAL -> from.kind() == TypeKind.DECIMAL || from.kind() == TypeKind.INTEGER || from.kind() == TypeKind.BIGINT;
            case TIMESTAMP -> from.kind() == TypeKind.DATE;
            default -> false;
        };
    }

    /** Copies all rows of the batch into the sink, batch by batch of the sink. */
    static void copy(VectorSchemaRoot batch, int[] mapping, BatchSink sink, String source) {
        int rows = batch.getRowCount();
        int offset = 0;
        while (offset < rows) {
            int count = Math.min(sink.capacityLeft(), rows - offset);
            for (int column = 0; column < mapping.length; column++) {
                copyRange(batch.getVector(mapping[column]), offset, sink.vector(column), sink.row(), count,
                        sink.columns().column(column), source);
            }
            sink.endRows(count);
            offset += count;
        }
    }

    private static void copyRange(FieldVector from, int fromRow, FieldVector to, int toRow, int count, Column column,
            String source) {
        ColumnType type = column.type();
        for (int i = 0; i < count; i++) {
            if (from.isNull(fromRow + i)) {
                to.setNull(toRow + i);
            }
        }
        switch (type.kind()) {
            case BOOLEAN -> {
                BitVector in = (BitVector) from;
                BitVector out = (BitVector) to;
                for (int i = 0; i < count; i++) {
                    if (!in.isNull(fromRow + i)) {
                        out.setSafe(toRow + i, in.get(fromRow + i));
                    }
                }
            }
            case INTEGER -> {
                BaseIntVector in = (BaseIntVector) from;
                IntVector out = (IntVector) to;
                for (int i = 0; i < count; i++) {
                    if (!from.isNull(fromRow + i)) {
                        out.setSafe(toRow + i, (int) in.getValueAsLong(fromRow + i));
                    }
                }
            }
            case BIGINT -> {
                BaseIntVector in = (BaseIntVector) from;
                BigIntVector out = (BigIntVector) to;
                for (int i = 0; i < count; i++) {
                    if (!from.isNull(fromRow + i)) {
                        out.setSafe(toRow + i, in.getValueAsLong(fromRow + i));
                    }
                }
            }
            case DOUBLE -> {
                Float8Vector out = (Float8Vector) to;
                for (int i = 0; i < count; i++) {
                    if (!from.isNull(fromRow + i)) {
                        out.setSafe(toRow + i, doubleValue(from, fromRow + i));
                    }
                }
            }
            case DECIMAL -> {
                if (column.type().isWideDecimal()) {
                    DecimalVector out = (DecimalVector) to;
                    for (int i = 0; i < count; i++) {
                        if (!from.isNull(fromRow + i)) {
                            out.setSafe(toRow + i, wideDecimal(from, fromRow + i, column, source));
                        }
                    }
                    break;
                }
                BigIntVector out = (BigIntVector) to;
                for (int i = 0; i < count; i++) {
                    if (!from.isNull(fromRow + i)) {
                        out.setSafe(toRow + i, unscaled(from, fromRow + i, column, source));
                    }
                }
            }
            case DATE -> {
                DateDayVector out = (DateDayVector) to;
                for (int i = 0; i < count; i++) {
                    if (!from.isNull(fromRow + i)) {
                        out.setSafe(toRow + i, from instanceof DateDayVector days ? days.get(fromRow + i)
                                : Math.toIntExact(Math.floorDiv(((DateMilliVector) from).get(fromRow + i), 86_400_000L)));
                    }
                }
            }
            case TIMESTAMP -> {
                TimeStampMicroVector out = (TimeStampMicroVector) to;
                long perUnit = from instanceof TimeStampVector ? microsPerUnit((ArrowType.Timestamp) from.getField().getType()) : 0;
                for (int i = 0; i < count; i++) {
                    if (!from.isNull(fromRow + i)) {
                        long micros = from instanceof TimeStampVector stamps ? scale(stamps.get(fromRow + i), perUnit)
                                : (long) ((DateDayVector) from).get(fromRow + i) * MICROS_PER_DAY;
                        out.setSafe(toRow + i, micros);
                    }
                }
            }
            case VARCHAR -> {
                VarCharVector out = (VarCharVector) to;
                for (int i = 0; i < count; i++) {
                    if (!from.isNull(fromRow + i)) {
                        byte[] bytes = from instanceof VarCharVector text ? text.get(fromRow + i)
                                : ((LargeVarCharVector) from).get(fromRow + i);
                        out.setSafe(toRow + i, bytes);
                    }
                }
            }
        }
    }

    private static double doubleValue(FieldVector from, int row) {
        if (from instanceof FloatingPointVector floating) {
            return floating.getValueAsDouble(row);
        }
        if (from instanceof BaseIntVector integer) {
            return integer.getValueAsLong(row);
        }
        return ((DecimalVector) from).getObject(row).doubleValue();
    }

    /** A decimal or integer source value as a wide DECIMAL of the column's scale and precision. */
    private static BigDecimal wideDecimal(FieldVector from, int row, Column column, String source) {
        BigDecimal value = from instanceof DecimalVector decimals ? decimals.getObject(row)
                : BigDecimal.valueOf(((BaseIntVector) from).getValueAsLong(row));
        BigDecimal fitted = ArrowValues.fitDecimal(value, column.type());
        if (fitted == null) {
            throw new DepotException(ErrorCode.USER, String.format("%s row %d, column[%s]: cannot read '%s' as %s",
                    source, row + 1, column.name(), value.toPlainString(), column.type()));
        }
        return fitted;
    }

    private static long unscaled(FieldVector from, int row, Column column, String source) {
        BigDecimal value = from instanceof DecimalVector decimals ? decimals.getObject(row)
                : BigDecimal.valueOf(((BaseIntVector) from).getValueAsLong(row));
        try {
            BigDecimal scaled = value.setScale(column.type().scale(), RoundingMode.UNNECESSARY);
            if (scaled.precision() > column.type().precision() && scaled.signum() != 0) {
                throw new ArithmeticException("precision");
            }
            return scaled.unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new DepotException(ErrorCode.USER, String.format("%s row %d, column[%s]: cannot read '%s' as %s",
                    source, row + 1, column.name(), value.toPlainString(), column.type()));
        }
    }

    /** Microseconds per unit of the timestamp type; negative means nanoseconds (divide by 1,000). */
    private static long microsPerUnit(ArrowType.Timestamp type) {
        return switch (type.getUnit()) {
            case SECOND -> TimeUnit.SECONDS.toMicros(1);
            case MILLISECOND -> 1_000;
            case MICROSECOND -> 1;
            case NANOSECOND -> -1_000;
        };
    }

    private static long scale(long value, long perUnit) {
        return perUnit > 0 ? Math.multiplyExact(value, perUnit) : Math.floorDiv(value, -perUnit);
    }
}
