package io.depot.sql.planner;

import io.depot.storage.type.ColumnType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type rules adjusted to what Depot stores and what warehouse users expect.
 *
 * <ul>
 *   <li>DECIMAL precision stops at 18, the widest decimal Depot keeps as a scaled long, so
 *       derived types never promise digits the engine cannot hold.</li>
 *   <li>SUM of integers is BIGINT and of DECIMAL(p,s) is DECIMAL(18,s): Calcite's default keeps
 *       the input type and overflows quickly.</li>
 *   <li>AVG of integers or doubles is DOUBLE and of DECIMAL(p,s) is DECIMAL(18,max(s,6)):
 *       Calcite's default keeps the input type (AVG of 1 and 2 would be 1).</li>
 *   <li>Mixed-length CHAR results (CASE branches, UNION) become VARCHAR instead of padded CHAR.</li>
 * </ul>
 */
public final class DepotTypeSystem extends RelDataTypeSystemImpl {
    public static final DepotTypeSystem INSTANCE = new DepotTypeSystem();

    /** The least scale AVG of a DECIMAL keeps, so averages of cents are not cut to cents. */
    private static final int MIN_AVG_SCALE = 6;

    private DepotTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return ColumnType.MAX_LONG_DECIMAL_PRECISION;
        }
        return super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return ColumnType.MAX_LONG_DECIMAL_PRECISION;
        }
        return super.getMaxScale(typeName);
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return ColumnType.MAX_LONG_DECIMAL_PRECISION;
        }
        return super.getDefaultPrecision(typeName);
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        RelDataType sumType = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> typeFactory.createSqlType(
                    SqlTypeName.DECIMAL, ColumnType.MAX_LONG_DECIMAL_PRECISION, argumentType.getScale());
            case REAL, FLOAT, DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
            default -> super.deriveSumType(typeFactory, argumentType);
        };
        return typeFactory.createTypeWithNullability(sumType, argumentType.isNullable());
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        RelDataType avgType = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE ->
                    typeFactory.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> typeFactory.createSqlType(
                    SqlTypeName.DECIMAL,
                    ColumnType.MAX_LONG_DECIMAL_PRECISION,
                    Math.max(argumentType.getScale(), MIN_AVG_SCALE));
            default -> super.deriveAvgAggType(typeFactory, argumentType);
        };
        return typeFactory.createTypeWithNullability(avgType, argumentType.isNullable());
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
