package io.depot.sql.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;
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

    /**
     * Depot's binary minus and LEAD/LAG come first, so the validator's look-ups find them (see
     * DateMinusOperator and LeadLagFunction).
     */
    static final SqlOperatorTable TABLE = SqlOperatorTables.chain(
            SqlOperatorTables.of(List.of(DateMinusOperator.INSTANCE, LeadLagFunction.LEAD, LeadLagFunction.LAG)),
            withoutLeadLag(SqlStdOperatorTable.instance()),
            SqlOperatorTables.of(List.of(DATE_TRUNC, SqlLibraryOperators.LENGTH, SqlLibraryOperators.LTRIM,
                    SqlLibraryOperators.RTRIM, SqlLibraryOperators.CONCAT_FUNCTION)));

    private DepotOperators() {}

    /** The table without its LEAD and LAG, which {@link LeadLagFunction} replaces. */
    private static SqlOperatorTable withoutLeadLag(SqlOperatorTable table) {
        return new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(SqlIdentifier name, SqlFunctionCategory category, SqlSyntax syntax,
                    List<SqlOperator> operators, SqlNameMatcher matcher) {
                List<SqlOperator> found = new ArrayList<>();
                table.lookupOperatorOverloads(name, category, syntax, found, matcher);
                found.removeIf(DepotOperators::isLeadOrLag);
                operators.addAll(found);
            }

            @Override
            public List<SqlOperator> getOperatorList() {
                List<SqlOperator> all = new ArrayList<>(table.getOperatorList());
                all.removeIf(DepotOperators::isLeadOrLag);
                return all;
            }
        };
    }

    private static boolean isLeadOrLag(SqlOperator operator) {
        return operator.getKind() == SqlKind.LEAD || operator.getKind() == SqlKind.LAG;
    }
}
