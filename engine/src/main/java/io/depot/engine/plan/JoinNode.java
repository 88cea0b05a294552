package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Expression;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Joins two inputs. Rows match when every key pair is equal (SQL equality: NULL keys never
 * match) and, if present, {@code condition} is TRUE.
 *
 * @param leftKeys left column indexes of the equality keys
 * @param rightKeys right column indexes, pairwise with {@code leftKeys}; each pair has the same
 *     type (the front end casts). No keys at all means every pair is a candidate (cross join).
 * @param condition extra predicate over the concatenated columns (left, then right), evaluated
 *     on pairs whose keys match; for SEMI and ANTI too, although they output left columns only
 * @param buildLeft whether the hash table is to be built on the left input (the planner expects
 *     it to be the smaller one); only INNER, SEMI and ANTI joins may. A SEMI or ANTI join built on
 *     the left streams the right input through it and then emits the left rows that found a match
 *     (or none), so a few outer rows checked against a large subquery input need not buffer it.
 */
public record JoinNode(PlanNode left, PlanNode right, JoinType type, List<Integer> leftKeys,
        List<Integer> rightKeys, Optional<Expression> condition, boolean buildLeft) implements PlanNode {
    /** A join that builds on the right input. */
    public JoinNode(PlanNode left, PlanNode right, JoinType type, List<Integer> leftKeys, List<Integer> rightKeys,
            Optional<Expression> condition) {
        this(left, right, type, leftKeys, rightKeys, condition, false);
    }

    public JoinNode {
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(type, "type is null");
        leftKeys = List.copyOf(requireNonNull(leftKeys, "leftKeys is null"));
        rightKeys = List.copyOf(requireNonNull(rightKeys, "rightKeys is null"));
        requireNonNull(condition, "condition is null");
        if (leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("leftKeys and rightKeys differ in size");
        }
        if (buildLeft && !type.mayBuildLeft()) {
            throw new IllegalArgumentException("a " + type + " join cannot build on the left");
        }
    }

    /**
     * Left columns then, unless SEMI or ANTI, right columns; a side that may be missing from a
     * row (the right of LEFT, the left of RIGHT, both of FULL) becomes nullable.
     */
    @Override
    public List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        boolean leftMayBeMissing = type == JoinType.RIGHT || type == JoinType.FULL;
        boolean rightMayBeMissing = type == JoinType.LEFT || type == JoinType.FULL;
        for (Column column : left.columns()) {
            columns.add(leftMayBeMissing ? Column.nullable(column.name(), column.type()) : column);
        }
        if (type.projectsRight()) {
            for (Column column : right.columns()) {
                columns.add(rightMayBeMissing ? Column.nullable(column.name(), column.type()) : column);
            }
        }
        return columns;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(left, right);
    }
}
