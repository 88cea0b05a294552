package io.depot.engine.plan;

/** Aggregate functions. All ignore NULL inputs; all but COUNT give NULL over no non-NULL input. */
public enum AggregateFunction {
    /** COUNT(*) when the call has no argument, else COUNT(x): non-NULL values. Never NULL. */
    COUNT,
    SUM,
    MIN,
    MAX,
    AVG,
    /** Population variance of the non-NULL values (n >= 1); DOUBLE, or a DECIMAL rounded half up. */
    VAR_POP,
    /** Sample variance (n - 1 in the denominator; NULL below two values). */
    VAR_SAMP,
    /** The square root of VAR_POP. */
    STDDEV_POP,
    /** The square root of VAR_SAMP. */
    STDDEV_SAMP,
}
