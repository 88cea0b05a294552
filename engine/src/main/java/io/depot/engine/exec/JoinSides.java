package io.depot.engine.exec;

import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.JoinType;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ScanNode;

/** Which input of a join is built into its hash table and which one streams through it. */
final class JoinSides {
    private JoinSides() {}

    /**
     * Which input a join builds its hash table on: the left one when the plan says so (the front
     * end's estimate found it smaller), else the right one, except for an INNER join of two
     * unfiltered scans whose left table has fewer rows (only then are both row counts known
     * exactly; the smaller side makes the smaller table). Outer joins always build on the right,
     * whose unmatched rows they track.
     */
    static boolean buildsOnLeft(JoinNode join) {
        if (join.buildLeft()) {
            return true;
        }
        if (join.type() != JoinType.INNER
                || !(join.left() instanceof ScanNode left) || !(join.right() instanceof ScanNode right)
                || left.filter().isPresent() || right.filter().isPresent()) {
            return false;
        }
        return left.snapshot().rowCount() < right.snapshot().rowCount();
    }

    /** The input that streams through the join's hash table. */
    static PlanNode probeSide(JoinNode join) {
        return buildsOnLeft(join) ? join.right() : join.left();
    }
}
