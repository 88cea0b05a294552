package io.depot.sql.convert;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** The mapping between Calcite's SQL types and Depot's column types, both ways. */
public final class CalciteTypes {
    private CalciteTypes() {}

    /** The Depot type that holds values of this Calcite type. */
    public static ColumnType columnType(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case BOOLEAN -> ColumnType.BOOLEAN;
            case TINYINT, SMALLINT, INTEGER -> ColumnType.INTEGER;
            case BIGINT -> ColumnType.BIGINT;
            case DECIMAL -> {
                if (type.getPrecision() > ColumnType.MAX_DECIMAL_PRECISION) {
                    throw new DepotException(ErrorCode.USER, String.format(
                            "DECIMAL precision[%d] is larger than the supported %d",
                            type.getPrecision(), ColumnType.MAX_DECIMAL_PRECISION));
                }
                yield ColumnType.decimal(type.getPrecision(), type.getScale());
            }
            case REAL, FLOAT, DOUBLE -> ColumnType.DOUBLE;
            case DATE -> ColumnType.DATE;
            case TIMESTAMP -> ColumnType.TIMESTAMP;
            case CHAR, VARCHAR -> ColumnType.VARCHAR;
            // An untyped NULL literal; any type holds it.
            case NULL -> ColumnType.VARCHAR;
            default -> throw new DepotException(ErrorCode.USER, String.format(
                    "Type[%s] is not supported yet", type.getFullTypeString()));
        };
    }

    /** The Calcite type of a Depot column type. */
    public static RelDataType relDataType(RelDataTypeFactory typeFactory, ColumnType type, boolean nullable) {
        RelDataType sqlType = switch (type.kind()) {
            case BOOLEAN -> typeFactory.createSqlType(SqlTypeName.BOOLEAN);
            case INTEGER -> typeFactory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
            case DATE -> typeFactory.createSqlType(SqlTypeName.DATE);
            case TIMESTAMP -> typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 6);
            case VARCHAR -> typeFactory.createSqlType(SqlTypeName.VARCHAR);
        };
        return typeFactory.createTypeWithNullability(sqlType, nullable);
    }

    /** The row type of a table with this schema. */
    public static RelDataType rowType(RelDataTypeFactory typeFactory, TableSchema schema) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (Column column : schema.columns()) {
            builder.add(column.name(), relDataType(typeFactory, column.type(), column.nullable()));
        }
        return builder.build();
    }
}
