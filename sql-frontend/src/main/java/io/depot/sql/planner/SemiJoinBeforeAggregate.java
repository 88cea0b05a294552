package io.depot.sql.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Filters an aggregation's input down to the group keys an inner join above it can match: in
 * {@code Aggregate(group by k) ⋈ R on k = R.x}, groups whose k has no partner in R are dropped
 * by the join anyway, so the aggregation may read {@code input ⋉ R} (a SEMI join on the same
 * keys) instead of its whole input. TPC-H Q17 averages lineitem's quantity per part for the few
 * parts of one brand and container; Q20 sums it per (part, supplier) for the parts of one color.
 *
 * <p>Every row of a kept group passes the semi join (it has the group's key), so each kept group
 * aggregates exactly the rows it did before, whatever the aggregate function; NULL keys match
 * nothing either way. R is evaluated twice, so the rewrite applies only when the planner expects
 * R to keep fewer than half the groups.
 */
final class SemiJoinBeforeAggregate extends RelShuttleImpl {
    /** Apply only when R has at most this fraction of the aggregation's estimated groups. */
    private static final double MAXIMUM_RATIO = 0.5;

    private SemiJoinBeforeAggregate() {}

    static RelNode rewrite(RelNode rel) {
        return rel.accept(new SemiJoinBeforeAggregate());
    }

    @Override
    public RelNode visit(LogicalJoin join) {
        RelNode visited = super.visit(join);
        if (!(visited instanceof LogicalJoin inner) || inner.getJoinType() != JoinRelType.INNER) {
            return visited;
        }
        JoinInfo info = inner.analyzeCondition();
        if (inner.getLeft() instanceof LogicalAggregate aggregate) {
            RelNode filtered = filteredAggregate(aggregate, info.leftKeys, inner.getRight(), info.rightKeys);
            if (filtered != null) {
                return inner.copy(inner.getTraitSet(), List.of(filtered, inner.getRight()));
            }
        }
        if (inner.getRight() instanceof LogicalAggregate aggregate) {
            RelNode filtered = filteredAggregate(aggregate, info.rightKeys, inner.getLeft(), info.leftKeys);
            if (filtered != null) {
                return inner.copy(inner.getTraitSet(), List.of(inner.getLeft(), filtered));
            }
        }
        return visited;
    }

    /**
     * The aggregation over its input semi-joined with {@code other} on the join keys that are
     * group keys, or null when none is or {@code other} is not expected to be selective.
     */
    private static RelNode filteredAggregate(LogicalAggregate aggregate, List<Integer> aggregateKeys, RelNode other,
            List<Integer> otherKeys) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE || aggregateKeys.isEmpty()) {
            return null;
        }
        if (!selective(aggregate, other)) {
            return null;
        }
        aggregate = onUsedFieldsOnly(aggregate);
        RelNode input = aggregate.getInput();
        int inputFields = input.getRowType().getFieldCount();
        RexBuilder rexBuilder = aggregate.getCluster().getRexBuilder();
        List<RexNode> equalities = new ArrayList<>();
        int groupCount = aggregate.getGroupCount();
        for (int i = 0; i < aggregateKeys.size(); i++) {
            int output = aggregateKeys.get(i);
            if (output >= groupCount) {
                continue;
            }
            int field = aggregate.getGroupSet().nth(output);
            equalities.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS,
                    rexBuilder.makeInputRef(input, field),
                    rexBuilder.makeInputRef(other.getRowType().getFieldList().get(otherKeys.get(i)).getType(),
                            inputFields + otherKeys.get(i))));
        }
        if (equalities.isEmpty()) {
            return null;
        }
        LogicalJoin semi = LogicalJoin.create(input, other, List.of(),
                RexUtil.composeConjunction(rexBuilder, equalities), Set.of(), JoinRelType.SEMI);
        return aggregate.copy(aggregate.getTraitSet(), List.of(semi));
    }

    /**
     * The aggregation over a projection of just the input fields it reads, so that the semi join
     * below it (whose inputs are translated whole) does not make the scan read every column.
     */
    private static LogicalAggregate onUsedFieldsOnly(LogicalAggregate aggregate) {
        RelNode input = aggregate.getInput();
        int inputFields = input.getRowType().getFieldCount();
        ImmutableBitSet.Builder usedBuilder = aggregate.getGroupSet().rebuild();
        for (AggregateCall call : aggregate.getAggCallList()) {
            usedBuilder.addAll(call.getArgList());
            if (call.filterArg >= 0) {
                usedBuilder.set(call.filterArg);
            }
        }
        ImmutableBitSet used = usedBuilder.build();
        if (used.cardinality() == inputFields || used.isEmpty()) {
            return aggregate;
        }
        Map<Integer, Integer> positions = new HashMap<>();
        List<RexNode> projects = new ArrayList<>();
        List<String> names = new ArrayList<>();
        RexBuilder rexBuilder = aggregate.getCluster().getRexBuilder();
        for (int field : used) {
            positions.put(field, projects.size());
            projects.add(rexBuilder.makeInputRef(input, field));
            names.add(input.getRowType().getFieldNames().get(field));
        }
        RelNode narrowed = LogicalProject.create(input, List.of(), projects, names, Set.of());
        Mappings.TargetMapping mapping = Mappings.target(positions, inputFields, projects.size());
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            calls.add(call.transform(mapping));
        }
        return aggregate.copy(aggregate.getTraitSet(), narrowed, aggregate.getGroupSet().permute(positions), null, calls);
    }

    private static boolean selective(Aggregate aggregate, RelNode other) {
        RelMetadataQuery metadata = aggregate.getCluster().getMetadataQuery();
        Double groups = metadata.getRowCount(aggregate);
        Double otherRows = metadata.getRowCount(other);
        return groups != null && otherRows != null && otherRows <= MAXIMUM_RATIO * groups;
    }
}
