package io.depot.sql.ddl;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The type names people type in CREATE TABLE (PostgreSQL and MySQL habits, and what ETL tools
 * generate) mapped onto Depot's column types. Lengths of VARCHAR(n)/CHAR(n) are accepted and not
 * enforced; strings are stored as UTF-8 of any length.
 */
final class DdlTypes {
    /** DECIMAL and NUMERIC without precision: as DuckDB, 18 digits with 3 after the point. */
    static final ColumnType DEFAULT_DECIMAL = ColumnType.decimal(ColumnType.MAX_LONG_DECIMAL_PRECISION, 3);

    private DdlTypes() {}

    static ColumnType columnType(SqlDataTypeSpec spec, String column) {
        SqlTypeNameSpec name = spec.getTypeNameSpec();
        if (name instanceof SqlBasicTypeNameSpec basic) {
            SqlTypeName type = SqlTypeName.get(basic.getTypeName().getSimple().toUpperCase(Locale.ROOT));
            if (type != null) {
                return basicType(type, basic.getPrecision(), basic.getScale(), column);
            }
        }
        String text = name.getTypeName().toString().toUpperCase(Locale.ROOT);
        return switch (text) {
            case "TEXT", "STRING", "NVARCHAR", "CLOB" -> ColumnType.VARCHAR;
            case "BOOL" -> ColumnType.BOOLEAN;
            case "INT4", "MEDIUMINT" -> ColumnType.INTEGER;
            case "INT8", "LONG" -> ColumnType.BIGINT;
            case "FLOAT8", "FLOAT4" -> ColumnType.DOUBLE;
            case "DATETIME" -> ColumnType.TIMESTAMP;
            default -> throw unknown(text, column);
        };
    }

    private static ColumnType basicType(SqlTypeName type, int precision, int scale, String column) {
        return switch (type) {
            case TINYINT, SMALLINT, INTEGER -> ColumnType.INTEGER;
            case BIGINT -> ColumnType.BIGINT;
            case FLOAT, REAL, DOUBLE -> ColumnType.DOUBLE;
            case DECIMAL -> decimal(precision, scale, column);
            case CHAR, VARCHAR -> ColumnType.VARCHAR;
            case BOOLEAN -> ColumnType.BOOLEAN;
            case DATE -> ColumnType.DATE;
            case TIMESTAMP -> ColumnType.TIMESTAMP;
            default -> throw new DepotException(ErrorCode.USER, String.format(
                    "Type[%s] of column[%s] is not supported yet; Depot stores BOOLEAN, INTEGER, BIGINT, DOUBLE, "
                            + "DECIMAL(p,s) up to p=%d, DATE, TIMESTAMP and VARCHAR",
                    type, column, ColumnType.MAX_DECIMAL_PRECISION));
        };
    }

    private static ColumnType decimal(int precision, int scale, String column) {
        if (precision < 0) {
            return DEFAULT_DECIMAL;
        }
        if (precision > ColumnType.MAX_DECIMAL_PRECISION) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Column[%s] is DECIMAL(%d,%d), but Depot stores at most %d digits",
                    column, precision, Math.max(scale, 0), ColumnType.MAX_DECIMAL_PRECISION));
        }
        return ColumnType.decimal(precision, Math.max(scale, 0));
    }

    private static DepotException unknown(String type, String column) {
        return new DepotException(ErrorCode.USER, String.format("Unknown type[%s] for column[%s]", type, column));
    }
}
