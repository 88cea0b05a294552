package io.depot.sql.planner;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlLeadLagAggFunction;

/**
 * LEAD and LAG typed as the standard says: the result is NULL where the other row's value is,
 * so it is nullable whenever the value is. Calcite types it NOT NULL as soon as the default is
 * NOT NULL, and its simplifier then drops filters such as {@code w IS NOT NULL} on it.
 */
final class LeadLagFunction extends SqlLeadLagAggFunction {
    static final LeadLagFunction LEAD = new LeadLagFunction(SqlKind.LEAD);
    static final LeadLagFunction LAG = new LeadLagFunction(SqlKind.LAG);

    private LeadLagFunction(SqlKind kind) {
        super(kind);
    }

    @Override
    public RelDataType inferReturnType(SqlOperatorBinding binding) {
        RelDataType type = super.inferReturnType(binding);
        if (binding.getOperandType(0).isNullable() && !type.isNullable()) {
            return binding.getTypeFactory().createTypeWithNullability(type, true);
        }
        return type;
    }
}
