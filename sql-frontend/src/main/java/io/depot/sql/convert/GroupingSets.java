package io.depot.sql.convert;

import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.SetOperation;
import io.depot.engine.plan.SetOperationNode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * GROUPING SETS, ROLLUP and CUBE: one aggregation per grouping set, each padded to all group
 * keys (NULL for the keys its set leaves out), combined with UNION ALL.
 */
final class GroupingSets {
    private GroupingSets() {}

    /**
     * @param aggregateBySet the aggregate grouped by one set: the set's keys, then one column per
     *     aggregate call
     * @param columns the aggregate's output columns (all group keys, then the calls)
     */
    static PlanNode unionOfSets(Aggregate aggregate, BiFunction<Aggregate, ImmutableBitSet, PlanNode> aggregateBySet,
            List<Column> columns) {
        ImmutableBitSet allKeys = aggregate.getGroupSet();
        List<PlanNode> inputs = new ArrayList<>();
        for (ImmutableBitSet set : aggregate.getGroupSets()) {
            PlanNode bySet = aggregateBySet.apply(aggregate, set);
            List<Column> setColumns = bySet.columns();
            List<Expression> expressions = new ArrayList<>();
            int setKey = 0;
            for (int key : allKeys) {
                ColumnType type = columns.get(expressions.size()).type();
                expressions.add(set.get(key)
                        ? RexTranslator.castTo(reference(setColumns, setKey++), type)
                        : Literal.nullOf(type));
            }
            for (int call = 0; call < aggregate.getAggCallList().size(); call++) {
                expressions.add(reference(setColumns, set.cardinality() + call));
            }
            inputs.add(new ProjectNode(bySet, expressions, columns.stream().map(Column::name).toList()));
        }
        if (inputs.size() == 1) {
            return inputs.get(0);
        }
        return new SetOperationNode(inputs, SetOperation.UNION, true, columns);
    }

    /** GROUPING(a, b, ...): bit i (from the right, last argument first) set when the set leaves that key out. */
    static Literal groupingValue(AggregateCall call, ImmutableBitSet groupSet, ColumnType type) {
        long mask = 0;
        for (int argument : call.getArgList()) {
            mask = (mask << 1) | (groupSet.get(argument) ? 0 : 1);
        }
        return LiteralCoercion.coerce(new Literal(BigDecimal.valueOf(mask), ColumnType.decimal(18, 0)), type);
    }

    private static ColumnReference reference(List<Column> columns, int index) {
        Column column = columns.get(index);
        return new ColumnReference(index, column.type(), column.nullable());
    }
}
