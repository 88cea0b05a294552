package io.depot.engine.plan;

/** Aggregate functions. All ignore NULL inputs; all but COUNT give NULL over no non-NULL input. */
public enum AggregateFunction {
    /** COUNT(*) when the call has no argument, else COUNT(x): non-NULL values. Never NULL. */
    COUNT,
    SUM,
    MIN,
    MAX,
    AVG,
}
