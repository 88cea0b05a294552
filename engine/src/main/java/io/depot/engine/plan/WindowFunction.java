package io.depot.engine.plan;

/** Functions evaluated over a window: ranking, offset, and aggregates over the frame. */
public enum WindowFunction {
    /** 1, 2, 3, ... within the partition in window order. BIGINT. */
    ROW_NUMBER,
    /** 1 + the number of rows ordered before the row's peers (gaps after ties). BIGINT. */
    RANK,
    /** The number of distinct peer groups up to the row's (no gaps). BIGINT. */
    DENSE_RANK,
    /** NTILE(n): bucket 1..n, buckets differing in size by at most one, larger buckets first. */
    NTILE,
    /** LAG(x[, offset[, default]]): x of the row {@code offset} rows before, else the default. */
    LAG,
    /** LEAD(x[, offset[, default]]): x of the row {@code offset} rows after, else the default. */
    LEAD,
    /** x at the frame's first row; NULL for an empty frame. */
    FIRST_VALUE,
    /** x at the frame's last row; NULL for an empty frame. */
    LAST_VALUE,
    /** COUNT(*) (no argument) or COUNT(x) over the frame. BIGINT, never NULL. */
    COUNT,
    /** SUM over the frame; NULL when the frame has no non-NULL value. */
    SUM,
    /** Like SUM, but 0 when the frame has no non-NULL value. */
    SUM0,
    AVG,
    MIN,
    MAX;

    /** Whether the function reads the frame (the others only the partition and its order). */
    public boolean usesFrame() {
        return switch (this) {
            case FIRST_VALUE, LAST_VALUE, COUNT, SUM, SUM0, AVG, MIN, MAX -> true;
            default -> false;
        };
    }
}
