package io.depot.sql.planner;

import io.depot.storage.type.ColumnType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type rules adjusted to what Depot stores and what warehouse users expect.
 *
 * <ul>
 *   <li>DECIMAL goes up to precision 38 (scaled 128-bit values). Decimals of at most 18 digits
 *       are scaled longs, and arithmetic between two of them (or with integers) stays within 18
 *       digits, as Calcite derives it with a maximum precision of 18: TPC-H-style expressions
 *       keep their 64-bit kernels, and a result past 64 bits is a "numeric overflow" error
 *       rather than a silent switch to 128 bits. As soon as one argument is wider than 18
 *       digits, Calcite's rules apply with the maximum of 38 and the engine computes in 128 bits;
 *       {@code CAST(x AS DECIMAL(38,s))} opts a narrow value into that.</li>
 *   <li>SUM of integers is BIGINT; of DECIMAL(p,s) it is DECIMAL(18,s) for p at most 18 (long
 *       backed; the accumulator sums in 128 bits and only a final value past 18 digits' 64-bit
 *       range is an overflow error) and DECIMAL(38,s) for wider inputs (128-bit, overflow
 *       checked on every add). Calcite's default keeps the input type and overflows quickly.</li>
 *   <li>AVG of integers or doubles is DOUBLE and of DECIMAL(p,s) is DECIMAL(18 or 38,max(s,6))
 *       (38 for inputs wider than 18 digits): Calcite's default keeps the input type (AVG of 1
 *       and 2 would be 1).</li>
 *   <li>Mixed-length CHAR results (CASE branches, UNION) become VARCHAR instead of padded CHAR.</li>
 * </ul>
 */
public final class DepotTypeSystem extends RelDataTypeSystemImpl {
    public static final DepotTypeSystem INSTANCE = new DepotTypeSystem();

    /** The least scale AVG of a DECIMAL keeps, so averages of cents are not cut to cents. */
    private static final int MIN_AVG_SCALE = 6;

    /** Calcite's derivations with 18 as the largest precision: arithmetic between narrow decimals. */
    private static final RelDataTypeSystem NARROW = new RelDataTypeSystemImpl() {
        @Override
        public int getMaxPrecision(SqlTypeName typeName) {
            return typeName == SqlTypeName.DECIMAL
                    ? ColumnType.MAX_LONG_DECIMAL_PRECISION : super.getMaxPrecision(typeName);
        }

        @Override
        public int getMaxScale(SqlTypeName typeName) {
            return typeName == SqlTypeName.DECIMAL ? ColumnType.MAX_LONG_DECIMAL_PRECISION : super.getMaxScale(typeName);
        }

        @Override
        public int getDefaultPrecision(SqlTypeName typeName) {
            return typeName == SqlTypeName.DECIMAL
                    ? ColumnType.MAX_LONG_DECIMAL_PRECISION : super.getDefaultPrecision(typeName);
        }
    };

    private DepotTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return ColumnType.MAX_DECIMAL_PRECISION;
        }
        return super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return ColumnType.MAX_DECIMAL_PRECISION;
        }
        return super.getMaxScale(typeName);
    }

    /** DECIMAL without a precision (e.g. {@code CAST(x AS DECIMAL)}) is the widest long-backed one. */
    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return ColumnType.MAX_LONG_DECIMAL_PRECISION;
        }
        return super.getDefaultPrecision(typeName);
    }

    @Override
    public RelDataType deriveDecimalPlusType(RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
        return bothNarrow(type1, type2)
                ? NARROW.deriveDecimalPlusType(typeFactory, type1, type2)
                : super.deriveDecimalPlusType(typeFactory, type1, type2);
    }

    @Override
    public RelDataType deriveDecimalMultiplyType(RelDataTypeFactory typeFactory, RelDataType type1,
            RelDataType type2) {
        return bothNarrow(type1, type2)
                ? NARROW.deriveDecimalMultiplyType(typeFactory, type1, type2)
                : super.deriveDecimalMultiplyType(typeFactory, type1, type2);
    }

    @Override
    public RelDataType deriveDecimalDivideType(RelDataTypeFactory typeFactory, RelDataType type1,
            RelDataType type2) {
        return bothNarrow(type1, type2)
                ? NARROW.deriveDecimalDivideType(typeFactory, type1, type2)
                : super.deriveDecimalDivideType(typeFactory, type1, type2);
    }

    @Override
    public RelDataType deriveDecimalModType(RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
        return bothNarrow(type1, type2)
                ? NARROW.deriveDecimalModType(typeFactory, type1, type2)
                : super.deriveDecimalModType(typeFactory, type1, type2);
    }

    /** Neither argument is a DECIMAL wider than 18 digits. */
    private static boolean bothNarrow(RelDataType type1, RelDataType type2) {
        return !isWide(type1) && !isWide(type2);
    }

    private static boolean isWide(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.DECIMAL
                && type.getPrecision() > ColumnType.MAX_LONG_DECIMAL_PRECISION;
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        RelDataType sumType = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
            case DECIMAL -> typeFactory.createSqlType(
                    SqlTypeName.DECIMAL, decimalAggregatePrecision(argumentType), argumentType.getScale());
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
            case DECIMAL -> {
                int precision = decimalAggregatePrecision(argumentType);
                yield typeFactory.createSqlType(SqlTypeName.DECIMAL, precision,
                        Math.min(precision, Math.max(argumentType.getScale(), MIN_AVG_SCALE)));
            }
            default -> super.deriveAvgAggType(typeFactory, argumentType);
        };
        return typeFactory.createTypeWithNullability(avgType, argumentType.isNullable());
    }

    /** 18 for narrow decimal inputs (long-backed results), 38 for wide ones. */
    private static int decimalAggregatePrecision(RelDataType argumentType) {
        return isWide(argumentType) ? ColumnType.MAX_DECIMAL_PRECISION : ColumnType.MAX_LONG_DECIMAL_PRECISION;
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
