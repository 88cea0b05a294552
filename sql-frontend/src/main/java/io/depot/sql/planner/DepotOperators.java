package io.depot.sql.planner;

import java.util.List;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The SQL functions Depot's validator knows: Calcite's standard ones plus the everyday
 * PostgreSQL-style functions the standard lacks (LENGTH, LTRIM, RTRIM, CONCAT, and
 * DATE_TRUNC('unit', value)), and PostgreSQL's {@code date - date} and {@code date - integer}.
 */
final class DepotOperators {
    /** PostgreSQL's DATE_TRUNC(unit, value): the unit as text first, the value's type out. */
    static final SqlFunction DATE_TRUNC = new SqlFunction("DATE_TRUNC", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG1_NULLABLE, null,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME), SqlFunctionCategory.TIMEDATE);

    /** Depot's binary minus comes first, so the validator's look-up of "-" finds it (see DateMinusOperator). */
    static final SqlOperatorTable TABLE = SqlOperatorTables.chain(
            SqlOperatorTables.of(List.of(DateMinusOperator.INSTANCE)),
            SqlStdOperatorTable.instance(),
            SqlOperatorTables.of(List.of(DATE_TRUNC, SqlLibraryOperators.LENGTH, SqlLibraryOperators.LTRIM,
                    SqlLibraryOperators.RTRIM, SqlLibraryOperators.CONCAT_FUNCTION)));

    private DepotOperators() {}
}
