package io.depot.engine.plan;

/** The set operations of SQL, each with or without ALL. */
public enum SetOperation {
    UNION,
    INTERSECT,
    EXCEPT,
}
