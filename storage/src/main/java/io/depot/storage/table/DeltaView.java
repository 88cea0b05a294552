package io.depot.storage.table;

import io.depot.storage.segment.ZoneMap;
import io.depot.storage.statistics.HyperLogLog;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The first {@link #rowCount()} rows of a {@link DeltaStore}, fixed: the store only ever writes
 * beyond them or into new arrays. Read by scans ({@link #toArrow}), the log encoder and folds.
 */
final class DeltaView {
    private final TableSchema schema;
    private final TypeKind[] kinds;
    private final long[][] values;
    private final boolean[][] nulls;
    private final int[][] offsets;
    private final byte[][] bytes;
    private final int rowCount;

    DeltaView(TableSchema schema, TypeKind[] kinds, long[][] values, boolean[][] nulls, int[][] offsets,
            byte[][] bytes, int rowCount) {
        this.schema = schema;
        this.kinds = kinds;
        this.values = values;
        this.nulls = nulls;
        this.offsets = offsets;
        this.bytes = bytes;
        this.rowCount = rowCount;
    }

    /** No rows, for tables without a log. */
    static DeltaView empty(TableSchema schema) {
        return new DeltaStore(schema).view();
    }

    int rowCount() {
        return rowCount;
    }

    TableSchema schema() {
        return schema;
    }

    TypeKind kind(int column) {
        return kinds[column];
    }

    boolean isNull(int column, int row) {
        return nulls[column][row];
    }

    long fixedValue(int column, int row) {
        return values[column][row];
    }

    byte[] textBytes(int column) {
        return bytes[column];
    }

    int textStart(int column, int row) {
        return offsets[column][row];
    }

    int textEnd(int column, int row) {
        return offsets[column][row + 1];
    }

    /** Rows {@code [from, from + count)} of the given table columns as a new batch the caller owns. */
    VectorSchemaRoot toArrow(int[] columns, int from, int count, BufferAllocator allocator) {
        if (from < 0 || count < 0 || from + count > rowCount) {
            throw new IllegalArgumentException(String.format(
                    "rows [%d, %d) are outside the %d delta rows", from, from + count, rowCount));
        }
        List<Field> fields = new ArrayList<>(columns.length);
        List<FieldVector> vectors = new ArrayList<>(columns.length);
        try {
            for (int column : columns) {
                FieldVector vector = ArrowTypes.createVector(schema.column(column), allocator);
                vectors.add(vector);
                fields.add(vector.getField());
                fill(vector, column, from, count);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(fields, vectors, count);
    }

    private void fill(FieldVector vector, int column, int from, int count) {
        boolean[] columnNulls = nulls[column];
        if (kinds[column] == TypeKind.VARCHAR) {
            VarCharVector text = (VarCharVector) vector;
            int[] columnOffsets = offsets[column];
            text.allocateNew(Math.max(1, columnOffsets[from + count] - columnOffsets[from]), count);
            byte[] data = bytes[column];
            for (int row = 0; row < count; row++) {
                int source = from + row;
                if (columnNulls[source]) {
                    text.setNull(row);
                } else {
                    text.setSafe(row, data, columnOffsets[source], columnOffsets[source + 1] - columnOffsets[source]);
                }
            }
            text.setValueCount(count);
            return;
        }
        long[] columnValues = values[column];
        switch (kinds[column]) {
            case BOOLEAN -> {
                BitVector target = (BitVector) vector;
                target.allocateNew(count);
                for (int row = 0; row < count; row++) {
                    if (columnNulls[from + row]) {
                        target.setNull(row);
                    } else {
                        target.set(row, (int) columnValues[from + row]);
                    }
                }
            }
            case INTEGER -> {
                IntVector target = (IntVector) vector;
                target.allocateNew(count);
                for (int row = 0; row < count; row++) {
                    if (columnNulls[from + row]) {
                        target.setNull(row);
                    } else {
                        target.set(row, (int) columnValues[from + row]);
                    }
                }
            }
            case DATE -> {
                DateDayVector target = (DateDayVector) vector;
                target.allocateNew(count);
                for (int row = 0; row < count; row++) {
                    if (columnNulls[from + row]) {
                        target.setNull(row);
                    } else {
                        target.set(row, (int) columnValues[from + row]);
                    }
                }
            }
            case BIGINT, DECIMAL -> {
                BigIntVector target = (BigIntVector) vector;
                target.allocateNew(count);
                for (int row = 0; row < count; row++) {
                    if (columnNulls[from + row]) {
                        target.setNull(row);
                    } else {
                        target.set(row, columnValues[from + row]);
                    }
                }
            }
            case TIMESTAMP -> {
                TimeStampMicroVector target = (TimeStampMicroVector) vector;
                target.allocateNew(count);
                for (int row = 0; row < count; row++) {
                    if (columnNulls[from + row]) {
                        target.setNull(row);
                    } else {
                        target.set(row, columnValues[from + row]);
                    }
                }
            }
            case DOUBLE -> {
                Float8Vector target = (Float8Vector) vector;
                target.allocateNew(count);
                for (int row = 0; row < count; row++) {
                    if (columnNulls[from + row]) {
                        target.setNull(row);
                    } else {
                        target.set(row, Double.longBitsToDouble(columnValues[from + row]));
                    }
                }
            }
            case VARCHAR -> throw new IllegalStateException("VARCHAR is not fixed-width");
        }
        vector.setValueCount(count);
    }

    /** Min, max and NULL count of one column over these rows, ordered as segment zone maps are. */
    ZoneMap zoneMap(int column) {
        ColumnType type = schema.column(column).type();
        ZoneMap result = ZoneMap.empty();
        for (int row = 0; row < rowCount; row++) {
            if (nulls[column][row]) {
                result = result.union(new ZoneMap(null, null, 1));
            } else {
                Object value = value(column, row, type);
                result = result.union(new ZoneMap(value, value, 0));
            }
        }
        return result;
    }

    /** Adds the column's non-null values to a sketch, hashed as segment writers hash them. */
    void addDistinctValues(int column, HyperLogLog sketch) {
        for (int row = 0; row < rowCount; row++) {
            if (nulls[column][row]) {
                continue;
            }
            if (kinds[column] == TypeKind.VARCHAR) {
                sketch.addBytes(bytes[column], offsets[column][row], offsets[column][row + 1]);
            } else if (kinds[column] == TypeKind.DOUBLE) {
                // SQL's equal doubles must hash alike: one NaN, and -0.0 as 0.0 (as FixedWidthBlockBuilder).
                double number = Double.longBitsToDouble(values[column][row]);
                sketch.addLong(number == 0.0 ? 0L : Double.doubleToLongBits(number));
            } else {
                sketch.addLong(values[column][row]);
            }
        }
    }

    /** The value in the Java form zone maps use; for statistics only, not for scans. */
    private Object value(int column, int row, ColumnType type) {
        long raw = kinds[column] == TypeKind.VARCHAR ? 0 : values[column][row];
        return switch (kinds[column]) {
            case BOOLEAN -> raw != 0;
            case INTEGER -> (int) raw;
            case BIGINT -> raw;
            case DOUBLE -> Double.longBitsToDouble(raw);
            case DECIMAL -> BigDecimal.valueOf(raw, type.scale());
            case DATE -> LocalDate.ofEpochDay(raw);
            case TIMESTAMP -> ArrowValues.timestampFromMicros(raw);
            case VARCHAR -> new String(bytes[column], offsets[column][row],
                    offsets[column][row + 1] - offsets[column][row], StandardCharsets.UTF_8);
        };
    }
}
