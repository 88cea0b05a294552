package io.depot.storage.type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The one mapping from Depot's logical types to Arrow vectors (see {@link TypeKind}).
 *
 * <p>DECIMAL up to precision 18 is stored as a 64-bit unscaled integer, wider DECIMAL as Arrow's
 * 128-bit decimal (16 bytes little-endian two's complement per value); the Arrow field carries the logical type in
 * its metadata under {@link #LOGICAL_TYPE_KEY} so a batch can be described without a side table.
 */
public final class ArrowTypes {
    /** Field metadata key holding {@link ColumnType#toString()}. */
    public static final String LOGICAL_TYPE_KEY = "depot.type";

    private ArrowTypes() {}

    public static ArrowType arrowType(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case INTEGER -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case DECIMAL -> type.isWideDecimal()
                    ? new ArrowType.Decimal(type.precision(), type.scale(), 128)
                    : new ArrowType.Int(64, true);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case VARCHAR -> ArrowType.Utf8.INSTANCE;
        };
    }

    public static Field field(Column column) {
        FieldType fieldType = new FieldType(
                column.nullable(),
                arrowType(column.type()),
                null,
                Map.of(LOGICAL_TYPE_KEY, column.type().toString()));
        return new Field(column.name(), fieldType, null);
    }

    public static Schema schema(TableSchema schema) {
        List<Field> fields = new ArrayList<>(schema.size());
        for (Column column : schema.columns()) {
            fields.add(field(column));
        }
        return new Schema(fields);
    }

    /** Reads the logical column back from a field made by {@link #field(Column)}. */
    public static Column column(Field field) {
        String logical = field.getMetadata().get(LOGICAL_TYPE_KEY);
        if (logical == null) {
            throw new IllegalArgumentException("field " + field.getName() + " has no " + LOGICAL_TYPE_KEY + " metadata");
        }
        return new Column(field.getName(), ColumnType.parse(logical), field.isNullable());
    }

    public static TableSchema tableSchema(Schema schema) {
        List<Column> columns = new ArrayList<>(schema.getFields().size());
        for (Field field : schema.getFields()) {
            columns.add(column(field));
        }
        return new TableSchema(columns);
    }

    /** A new, empty vector for this column; the caller owns it. */
    public static FieldVector createVector(Column column, BufferAllocator allocator) {
        return field(column).createVector(allocator);
    }

    /** A new, empty root for this schema; the caller owns it. */
    public static VectorSchemaRoot createRoot(TableSchema schema, BufferAllocator allocator) {
        return VectorSchemaRoot.create(schema(schema), allocator);
    }
}
