package io.depot.sql.planner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Derives single-column filters from an OR of ANDs that spans several columns, so that each can
 * be pushed to its table: from {@code (n1.name = 'FRANCE' AND n2.name = 'GERMANY') OR (n1.name =
 * 'GERMANY' AND n2.name = 'FRANCE')} (TPC-H Q7) follow {@code n1.name IN ('FRANCE', 'GERMANY')}
 * and {@code n2.name IN ('FRANCE', 'GERMANY')}; Q19's disjunction over part and lineitem gives
 * filters on brand, container, size, quantity, ship mode and instruction. The OR itself stays,
 * so the answer cannot change: a row satisfying the OR satisfies one branch, hence every branch's
 * conjuncts, hence the derived {@code OR} of one column's conjuncts. Without these filters the
 * OR can only be evaluated once both tables are joined, after joining every row of each.
 *
 * <p>Applies to filters and INNER join conditions (before the filters are pushed down). A column
 * gets a derived filter only when every branch of the OR constrains it alone, and never when the
 * OR mentions that column only (it is pushed down as it is).
 */
final class ImpliedOrFilters extends RelShuttleImpl {
    private final RexBuilder rexBuilder;
    private final RexSimplify simplify;

    private ImpliedOrFilters(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
        this.simplify = new RexSimplify(rexBuilder, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR);
    }

    static RelNode rewrite(RelNode rel) {
        return rel.accept(new ImpliedOrFilters(rel.getCluster().getRexBuilder()));
    }

    @Override
    public RelNode visit(LogicalFilter filter) {
        LogicalFilter visited = (LogicalFilter) super.visit(filter);
        RexNode condition = withImpliedFilters(visited.getCondition());
        return condition == visited.getCondition()
                ? visited
                : visited.copy(visited.getTraitSet(), visited.getInput(), condition);
    }

    @Override
    public RelNode visit(LogicalJoin join) {
        LogicalJoin visited = (LogicalJoin) super.visit(join);
        if (visited.getJoinType() != JoinRelType.INNER) {
            return visited;
        }
        RexNode condition = withImpliedFilters(visited.getCondition());
        return condition == visited.getCondition()
                ? visited
                : visited.copy(visited.getTraitSet(), condition, visited.getLeft(), visited.getRight(),
                        visited.getJoinType(), visited.isSemiJoinDone());
    }

    /** The condition and the filters its ORs imply, or the condition itself when they imply none. */
    RexNode withImpliedFilters(RexNode condition) {
        List<RexNode> conjuncts = RelOptUtil.conjunctions(condition);
        Set<RexNode> implied = new LinkedHashSet<>();
        for (RexNode conjunct : conjuncts) {
            if (conjunct.getKind() == SqlKind.OR && RexUtil.isDeterministic(conjunct)) {
                implied.addAll(impliedBy(conjunct));
            }
        }
        implied.removeAll(conjuncts);
        if (implied.isEmpty()) {
            return condition;
        }
        List<RexNode> all = new ArrayList<>(conjuncts);
        all.addAll(implied);
        return RexUtil.composeConjunction(rexBuilder, all);
    }

    /** For each column that every branch of the OR constrains alone: the OR of those constraints. */
    private List<RexNode> impliedBy(RexNode or) {
        List<RexNode> branches = RelOptUtil.disjunctions(or);
        ImmutableBitSet columns = RelOptUtil.InputFinder.bits(or);
        List<RexNode> implied = new ArrayList<>();
        if (columns.cardinality() < 2) {
            return implied;
        }
        for (int column : columns) {
            List<RexNode> perBranch = new ArrayList<>();
            for (RexNode branch : branches) {
                List<RexNode> own = new ArrayList<>();
                for (RexNode conjunct : RelOptUtil.conjunctions(branch)) {
                    if (RelOptUtil.InputFinder.bits(conjunct).equals(ImmutableBitSet.of(column))) {
                        own.add(conjunct);
                    }
                }
                if (own.isEmpty()) {
                    perBranch = null;
                    break;
                }
                perBranch.add(RexUtil.composeConjunction(rexBuilder, own));
            }
            if (perBranch != null) {
                RexNode derived = simplify.simplifyUnknownAsFalse(RexUtil.composeDisjunction(rexBuilder, perBranch));
                if (!derived.isAlwaysTrue()) {
                    implied.add(derived);
                }
            }
        }
        return implied;
    }
}
