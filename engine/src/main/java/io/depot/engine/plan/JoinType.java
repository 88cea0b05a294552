package io.depot.engine.plan;

/** How a {@link JoinNode} combines its inputs. */
public enum JoinType {
    /** Pairs of matching rows. */
    INNER,
    /** Matching pairs, plus each unmatched left row with NULLs for the right columns. */
    LEFT,
    /** Matching pairs, plus each unmatched right row with NULLs for the left columns. */
    RIGHT,
    /** LEFT and RIGHT together. */
    FULL,
    /** Each left row that has at least one match, once; left columns only (EXISTS, IN). */
    SEMI,
    /** Each left row that has no match; left columns only (NOT EXISTS). */
    ANTI;

    /** Whether the output has the right input's columns. */
    public boolean projectsRight() {
        return this != SEMI && this != ANTI;
    }

    /**
     * Whether the hash table may be built on the left input: INNER is symmetric, and SEMI and ANTI
     * can track which build rows matched; outer joins build on the side whose rows may go unmatched.
     */
    public boolean mayBuildLeft() {
        return this == INNER || this == SEMI || this == ANTI;
    }
}
