package io.depot.sql.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
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
 *
 * <p>The aggregation need not be the join's input itself: projections, filters and inner joins
 * may sit between, as long as each join key reaches a group key through column references and
 * the equalities of those joins (see {@link #filteredBelow}).
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
        List<int[]> pairs = equalities(inner);
        if (pairs.isEmpty()) {
            return visited;
        }
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        for (int[] pair : pairs) {
            leftKeys.add(pair[0]);
            rightKeys.add(pair[1]);
        }
        RelNode left = filteredBelow(inner.getLeft(), leftKeys, inner.getRight(), rightKeys);
        if (left != null) {
            return inner.copy(inner.getTraitSet(), List.of(left, inner.getRight()));
        }
        RelNode right = filteredBelow(inner.getRight(), rightKeys, inner.getLeft(), leftKeys);
        if (right != null) {
            return inner.copy(inner.getTraitSet(), List.of(inner.getLeft(), right));
        }
        return visited;
    }

    /**
     * {@code node} with an aggregation in it filtered by {@code other}, or null. The aggregation
     * is {@code node} itself or sits below projections, filters and inner joins whose equalities
     * carry a join key down to one of its group keys (TPC-H Q20 joins the aggregation of lineitem
     * to partsupp on (partkey, suppkey), and that join to the parts of one color on
     * ps_partkey): every row those operators emit has the key value the aggregation's group had,
     * so a group {@code other} cannot match yields only rows the join on top drops.
     */
    private static RelNode filteredBelow(RelNode node, List<Integer> keys, RelNode other, List<Integer> otherKeys) {
        if (node instanceof LogicalAggregate aggregate) {
            return filteredAggregate(aggregate, keys, other, otherKeys);
        }
        if (node instanceof LogicalFilter filter) {
            RelNode input = filteredBelow(filter.getInput(), keys, other, otherKeys);
            return input == null ? null : filter.copy(filter.getTraitSet(), List.of(input));
        }
        if (node instanceof LogicalProject project) {
            List<Integer> inputKeys = new ArrayList<>();
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (project.getProjects().get(keys.get(i)) instanceof RexInputRef reference) {
                    inputKeys.add(reference.getIndex());
                    kept.add(otherKeys.get(i));
                }
            }
            RelNode input = inputKeys.isEmpty() ? null : filteredBelow(project.getInput(), inputKeys, other, kept);
            return input == null ? null : project.copy(project.getTraitSet(), List.of(input));
        }
        if (node instanceof LogicalJoin join && join.getJoinType() == JoinRelType.INNER) {
            int leftCount = join.getLeft().getRowType().getFieldCount();
            List<int[]> pairs = equalities(join);
            for (int side = 0; side < 2; side++) {
                List<Integer> sideKeys = new ArrayList<>();
                List<Integer> kept = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    int sideKey = onSide(keys.get(i), side, leftCount, pairs);
                    if (sideKey >= 0) {
                        sideKeys.add(sideKey);
                        kept.add(otherKeys.get(i));
                    }
                }
                RelNode input = sideKeys.isEmpty() ? null
                        : filteredBelow(join.getInput(side), sideKeys, other, kept);
                if (input != null) {
                    return side == 0
                            ? join.copy(join.getTraitSet(), List.of(input, join.getRight()))
                            : join.copy(join.getTraitSet(), List.of(join.getLeft(), input));
                }
            }
        }
        return null;
    }

    /**
     * The field of the join's {@code side} input (0 left, 1 right) that holds the same value as
     * the join's output field {@code field} in every row the join emits, or -1: the field itself
     * when it comes from that side, else its partner in an equality of the condition.
     */
    private static int onSide(int field, int side, int leftCount, List<int[]> pairs) {
        boolean fromLeft = field < leftCount;
        if (fromLeft == (side == 0)) {
            return side == 0 ? field : field - leftCount;
        }
        for (int[] pair : pairs) {
            if (fromLeft && pair[0] == field) {
                return pair[1];
            }
            if (!fromLeft && pair[1] == field - leftCount) {
                return pair[0];
            }
        }
        return -1;
    }

    /**
     * The (left field, right field) pairs of the join condition's conjuncts that are plain
     * equalities of a left and a right column ({@code =} drops NULLs, unlike IS NOT DISTINCT FROM,
     * which this rewrite leaves alone).
     */
    private static List<int[]> equalities(LogicalJoin join) {
        int leftCount = join.getLeft().getRowType().getFieldCount();
        List<int[]> pairs = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
            if (conjunct.getKind() == SqlKind.EQUALS
                    && conjunct instanceof RexCall call
                    && call.getOperands().get(0) instanceof RexInputRef first
                    && call.getOperands().get(1) instanceof RexInputRef second) {
                int a = first.getIndex();
                int b = second.getIndex();
                if (a < leftCount && b >= leftCount) {
                    pairs.add(new int[] {a, b - leftCount});
                } else if (b < leftCount && a >= leftCount) {
                    pairs.add(new int[] {b, a - leftCount});
                }
            }
        }
        return pairs;
    }

    /**
     * The aggregation over its input semi-joined with {@code other} on the join keys that are
     * group keys, or null when none is or {@code other} is not expected to be selective.
     */
    private static RelNode filteredAggregate(LogicalAggregate aggregate, List<Integer> aggregateKeys, RelNode other,
            List<Integer> otherKeys) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE || aggregateKeys.isEmpty()
                || semiJoinedAlready(aggregate.getInput())) {
            return null;
        }
        if (!selective(aggregate, other)) {
            return null;
        }
        aggregate = onUsedFieldsOnly(aggregate);
        List<Integer> fields = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        int groupCount = aggregate.getGroupCount();
        for (int i = 0; i < aggregateKeys.size(); i++) {
            int output = aggregateKeys.get(i);
            if (output < groupCount) {
                fields.add(aggregate.getGroupSet().nth(output));
                kept.add(otherKeys.get(i));
            }
        }
        if (fields.isEmpty()) {
            return null;
        }
        return aggregate.copy(aggregate.getTraitSet(), List.of(semiJoined(aggregate.getInput(), fields, other, kept)));
    }

    /**
     * {@code input ⋉ other} on {@code input.fields[i] = other.otherKeys[i]}, placed as deep as the
     * keys allow: below projections that pass the key columns through, filters, and the side of
     * an inner join that holds every key, so the joins in between see only rows that can match
     * (TPC-H Q2's subquery filters partsupp before joining it with supplier and nation). A row the
     * semi join drops down there has no partner in {@code other}, and neither would any row built
     * from it.
     */
    private static RelNode semiJoined(RelNode input, List<Integer> fields, RelNode other, List<Integer> otherKeys) {
        if (input instanceof LogicalProject project && !readsTable(project.getInput())) {
            // (over a scan the projection stays below: it is what narrows the scan's columns)
            List<Integer> inputFields = new ArrayList<>();
            for (int field : fields) {
                if (project.getProjects().get(field) instanceof RexInputRef reference) {
                    inputFields.add(reference.getIndex());
                }
            }
            if (inputFields.size() == fields.size()) {
                return project.copy(project.getTraitSet(),
                        List.of(semiJoined(project.getInput(), inputFields, other, otherKeys)));
            }
        } else if (input instanceof LogicalFilter filter) {
            return filter.copy(filter.getTraitSet(), List.of(semiJoined(filter.getInput(), fields, other, otherKeys)));
        } else if (input instanceof LogicalJoin join && join.getJoinType() == JoinRelType.INNER) {
            int leftCount = join.getLeft().getRowType().getFieldCount();
            if (fields.stream().allMatch(field -> field < leftCount)) {
                return join.copy(join.getTraitSet(),
                        List.of(semiJoined(join.getLeft(), fields, other, otherKeys), join.getRight()));
            }
            if (fields.stream().allMatch(field -> field >= leftCount)) {
                List<Integer> rightFields = fields.stream().map(field -> field - leftCount).toList();
                return join.copy(join.getTraitSet(),
                        List.of(join.getLeft(), semiJoined(join.getRight(), rightFields, other, otherKeys)));
            }
        }
        int inputFields = input.getRowType().getFieldCount();
        RexBuilder rexBuilder = input.getCluster().getRexBuilder();
        List<RexNode> equalities = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            equalities.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS,
                    rexBuilder.makeInputRef(input, fields.get(i)),
                    rexBuilder.makeInputRef(other.getRowType().getFieldList().get(otherKeys.get(i)).getType(),
                            inputFields + otherKeys.get(i))));
        }
        return LogicalJoin.create(input, other, List.of(),
                RexUtil.composeConjunction(rexBuilder, equalities), Set.of(), JoinRelType.SEMI);
    }

    /** A table scan, or a filter over one: translated together with the columns the parent reads. */
    private static boolean readsTable(RelNode rel) {
        return rel instanceof TableScan || rel instanceof LogicalFilter filter && filter.getInput() instanceof TableScan;
    }

    /**
     * Whether the rows reaching the aggregation through projections, filters and inner joins
     * already pass a semi join (this rewrite's, or an IN / EXISTS): they are filtered already.
     */
    private static boolean semiJoinedAlready(RelNode input) {
        if (input instanceof LogicalJoin join) {
            return join.getJoinType() == JoinRelType.SEMI
                    || join.getJoinType() == JoinRelType.INNER
                            && (semiJoinedAlready(join.getLeft()) || semiJoinedAlready(join.getRight()));
        }
        if (input instanceof LogicalProject || input instanceof LogicalFilter) {
            return semiJoinedAlready(input.getInput(0));
        }
        return false;
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
