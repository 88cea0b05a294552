package io.depot.sql.planner;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlMonotonicBinaryOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Binary minus as PostgreSQL defines it for dates: {@code date - date} is the INTEGER number of
 * days between them and {@code date - integer} a DATE that many days earlier. Calcite's standard
 * minus accepts neither (its dates subtract only intervals), so the planner swaps this operator in
 * for every binary minus before validation ({@link #SWAP}); everything but the two date forms
 * types and converts exactly as the standard operator does ({@link #CONVERTLETS}).
 */
final class DateMinusOperator extends SqlMonotonicBinaryOperator {
    static final DateMinusOperator INSTANCE = new DateMinusOperator();

    /** Replaces the standard binary minus in a parsed statement with {@link #INSTANCE}, in place. */
    static final SqlShuttle SWAP = new SqlShuttle() {
        @Override
        public SqlNode visit(SqlCall call) {
            if (call.getOperator() == SqlStdOperatorTable.MINUS && call instanceof SqlBasicCall basic) {
                basic.setOperator(INSTANCE);
            }
            return super.visit(call);
        }
    };

    /**
     * Calcite's convertlets, except that a minus of the two date forms becomes a call of this
     * operator (which the translator turns into engine date functions); any other minus goes back
     * to the standard operator and its convertlet (which handles {@code datetime - interval}).
     */
    static final SqlRexConvertletTable CONVERTLETS = call -> {
        if (call.getOperator() != INSTANCE) {
            return StandardConvertletTable.INSTANCE.get(call);
        }
        return (SqlRexConvertlet) (context, minus) -> {
            RelDataType left = context.getValidator().getValidatedNodeType(minus.operand(0));
            RelDataType right = context.getValidator().getValidatedNodeType(minus.operand(1));
            if (isDateForm(left, right)) {
                return context.getRexBuilder().makeCall(context.getValidator().getValidatedNodeType(minus), INSTANCE,
                        java.util.List.of(context.convertExpression(minus.operand(0)),
                                context.convertExpression(minus.operand(1))));
            }
            ((SqlBasicCall) minus).setOperator(SqlStdOperatorTable.MINUS);
            return StandardConvertletTable.INSTANCE.get(minus).convertCall(context, minus);
        };
    };

    private DateMinusOperator() {
        super("-", SqlKind.MINUS, 40, true, DateMinusOperator::returnType, InferTypes.FIRST_KNOWN,
                OperandTypes.or(OperandTypes.MINUS_OPERATOR,
                        OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.DATE),
                        OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.EXACT_NUMERIC)));
    }

    /** Whether {@code left - right} is one of the two date forms this operator adds. */
    static boolean isDateForm(RelDataType left, RelDataType right) {
        if (left.getSqlTypeName() != SqlTypeName.DATE) {
            return false;
        }
        SqlTypeName type = right.getSqlTypeName();
        return type == SqlTypeName.DATE || SqlTypeName.INT_TYPES.contains(type);
    }

    private static RelDataType returnType(SqlOperatorBinding binding) {
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        if (!isDateForm(left, right)) {
            return SqlStdOperatorTable.MINUS.inferReturnType(binding);
        }
        RelDataTypeFactory types = binding.getTypeFactory();
        SqlTypeName result = right.getSqlTypeName() == SqlTypeName.DATE ? SqlTypeName.INTEGER : SqlTypeName.DATE;
        return types.createTypeWithNullability(types.createSqlType(result), left.isNullable() || right.isNullable());
    }
}
