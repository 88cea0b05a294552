package io.depot.sql.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Turns EXISTS and NOT EXISTS subqueries into SEMI and ANTI joins whose condition is the
 * subquery's correlated WHERE clause, equalities and other comparisons alike.
 *
 * <p>Runs on the correlated form that Calcite's subquery removal leaves: a {@code Correlate} of
 * the outer rows with {@code Aggregate(group by marker) ← Project(marker literals) ← Filter(…
 * $cor.x …) ← input}, INNER for an EXISTS that must be TRUE, LEFT with an {@code IS [NOT] NULL}
 * test of the marker above it otherwise. Calcite's decorrelator would instead join the input
 * with the distinct outer values of every correlated column and group the result (TPC-H Q21's
 * {@code l2.l_suppkey <> l1.l_suppkey} turns a semi join into an aggregate over a join of
 * lineitem with itself); a semi join answers the question directly: does any input row satisfy
 * the condition for this outer row? The marker column the rest of the plan expects is kept as a
 * constant (TRUE for SEMI, NULL for ANTI), which later rules remove.
 *
 * <p>Shapes it does not recognize (an aggregate with calls, correlation below a projection or
 * join, EXISTS whose value is used otherwise than as a filter) are left to the decorrelator.
 */
final class ExistsToSemiJoin extends RelShuttleImpl {
    private final RexBuilder rexBuilder;

    private ExistsToSemiJoin(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
    }

    /** The plan with every recognized EXISTS and NOT EXISTS turned into a SEMI or ANTI join. */
    static RelNode rewrite(RelNode rel) {
        return rel.accept(new ExistsToSemiJoin(rel.getCluster().getRexBuilder()));
    }

    /** EXISTS that must be TRUE: an INNER correlate keeps the outer rows that have a marker row. */
    @Override
    public RelNode visit(LogicalCorrelate correlate) {
        RelNode visited = super.visit(correlate);
        if (visited instanceof LogicalCorrelate inner && inner.getJoinType() == JoinRelType.INNER) {
            RelNode semi = existenceJoin(inner, JoinRelType.SEMI);
            if (semi != null) {
                return semi;
            }
        }
        return visited;
    }

    /**
     * EXISTS and NOT EXISTS in a filter: a LEFT correlate gives every outer row its marker (NULL
     * when the subquery is empty), and a conjunct of the filter tests it.
     */
    @Override
    public RelNode visit(LogicalFilter filter) {
        RelNode visited = super.visit(filter);
        if (!(visited instanceof LogicalFilter visitedFilter)
                || !(visitedFilter.getInput() instanceof LogicalCorrelate correlate)
                || correlate.getJoinType() != JoinRelType.LEFT) {
            return visited;
        }
        int leftFields = correlate.getLeft().getRowType().getFieldCount();
        for (RexNode conjunct : RelOptUtil.conjunctions(visitedFilter.getCondition())) {
            JoinRelType type = conjunct.getKind() == SqlKind.IS_NULL ? JoinRelType.ANTI
                    : conjunct.getKind() == SqlKind.IS_NOT_NULL ? JoinRelType.SEMI
                    : null;
            if (type != null && ((RexCall) conjunct).getOperands().get(0) instanceof RexInputRef tested
                    && tested.getIndex() >= leftFields) {
                RelNode join = existenceJoin(correlate, type);
                if (join != null) {
                    return visitedFilter.copy(visitedFilter.getTraitSet(), join, visitedFilter.getCondition());
                }
            }
        }
        return visited;
    }

    /**
     * The correlate as a SEMI or ANTI join of its outer input with the subquery's input, under a
     * projection giving the marker columns their value for the rows the join keeps; null when the
     * subquery has another shape.
     */
    private RelNode existenceJoin(LogicalCorrelate correlate, JoinRelType type) {
        CorrelationId id = correlate.getCorrelationId();
        if (!(correlate.getRight() instanceof Aggregate aggregate)
                || !aggregate.getAggCallList().isEmpty()
                || aggregate.getGroupType() != Aggregate.Group.SIMPLE
                || aggregate.getGroupSet().isEmpty()
                || !(aggregate.getInput() instanceof Project marker)
                || !marker.getProjects().stream().allMatch(RexLiteral.class::isInstance)) {
            return null;
        }
        // Projections below the marker only rename or compute columns nobody reads.
        RelNode input = marker.getInput();
        while (input instanceof Project project && !RelOptUtil.getVariablesUsed(project).contains(id)) {
            input = project.getInput();
        }
        List<RexNode> conditions = new ArrayList<>();
        while (input instanceof Filter filter) {
            conditions.addAll(RelOptUtil.conjunctions(filter.getCondition()));
            input = filter.getInput();
        }
        if (conditions.isEmpty() || !RelOptUtil.getVariablesUsed(input).isEmpty()) {
            return null;
        }
        // Conjuncts about the subquery's rows alone stay a filter below the join (Calcite does not
        // push them out of an ANTI join's condition).
        List<RexNode> local = new ArrayList<>();
        List<RexNode> correlated = new ArrayList<>();
        for (RexNode conjunct : conditions) {
            (RexUtil.containsCorrelation(conjunct) ? correlated : local).add(conjunct);
        }
        if (correlated.isEmpty()) {
            return null;
        }
        if (!local.isEmpty()) {
            input = LogicalFilter.create(input, RexUtil.composeConjunction(rexBuilder, local));
        }
        conditions = correlated;
        int leftFields = correlate.getLeft().getRowType().getFieldCount();
        CorrelationResolver resolver = new CorrelationResolver(id, correlate.getLeft().getRowType().getFieldList());
        RexNode condition = RexUtil.composeConjunction(rexBuilder, conditions)
                .accept(new RexShuttle() {
                    @Override
                    public RexNode visitInputRef(RexInputRef ref) {
                        return new RexInputRef(ref.getIndex() + leftFields, ref.getType());
                    }
                })
                .accept(resolver);
        if (resolver.foreignVariable) {
            return null;
        }
        LogicalJoin join = LogicalJoin.create(correlate.getLeft(), input, List.of(), condition, Set.of(), type);
        List<RexNode> projects = new ArrayList<>();
        for (int i = 0; i < leftFields; i++) {
            projects.add(rexBuilder.makeInputRef(join, i));
        }
        List<RelDataTypeField> fields = correlate.getRowType().getFieldList();
        for (int i = leftFields; i < fields.size(); i++) {
            RelDataTypeField field = fields.get(i);
            int markerField = aggregate.getGroupSet().nth(i - leftFields);
            projects.add(type == JoinRelType.ANTI
                    ? rexBuilder.makeNullLiteral(field.getType())
                    : rexBuilder.ensureType(field.getType(), marker.getProjects().get(markerField), true));
        }
        if (type == JoinRelType.ANTI && !fields.subList(leftFields, fields.size()).stream()
                .allMatch(field -> field.getType().isNullable())) {
            return null;
        }
        RelNode result = LogicalProject.create(join, List.of(), projects, correlate.getRowType().getFieldNames(), Set.of());
        return RelOptUtil.areRowTypesEqual(result.getRowType(), correlate.getRowType(), false) ? result : null;
    }

    /** Replaces the correlate's variable ({@code $cor.x}) by a reference to the outer column x. */
    private static final class CorrelationResolver extends RexShuttle {
        private final CorrelationId id;
        private final List<RelDataTypeField> outerFields;
        /** Whether the condition refers to another query's correlation variable. */
        boolean foreignVariable;

        CorrelationResolver(CorrelationId id, List<RelDataTypeField> outerFields) {
            this.id = id;
            this.outerFields = outerFields;
        }

        @Override
        public RexNode visitFieldAccess(RexFieldAccess access) {
            if (access.getReferenceExpr() instanceof RexCorrelVariable variable && variable.id.equals(id)) {
                int index = access.getField().getIndex();
                return new RexInputRef(index, outerFields.get(index).getType());
            }
            return super.visitFieldAccess(access);
        }

        @Override
        public RexNode visitCorrelVariable(RexCorrelVariable variable) {
            foreignVariable = true;
            return variable;
        }
    }
}
