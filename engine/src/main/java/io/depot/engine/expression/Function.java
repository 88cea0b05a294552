package io.depot.engine.expression;

/**
 * Scalar functions and operators the engine evaluates. Semantics are SQL's: a NULL argument
 * gives NULL except where noted; AND/OR use three-valued logic.
 */
public enum Function {
    // arithmetic: (a, b); DIVIDE of integers truncates; division by zero is a user error
    ADD,
    SUBTRACT,
    MULTIPLY,
    DIVIDE,
    MODULO,
    NEGATE,
    // comparison: (a, b) -> BOOLEAN
    EQUAL,
    NOT_EQUAL,
    LESS_THAN,
    LESS_THAN_OR_EQUAL,
    GREATER_THAN,
    GREATER_THAN_OR_EQUAL,
    // logic: AND and OR take two or more arguments, three-valued
    AND,
    OR,
    NOT,
    // never NULL
    IS_NULL,
    IS_NOT_NULL,
    IS_TRUE,
    IS_FALSE,
    // (value) -> the call's type
    CAST,
    // (cond1, value1, cond2, value2, ..., else)
    CASE,
    // (a, b, ...) first non-NULL
    COALESCE,
    // (value, list item 1, list item 2, ...) -> BOOLEAN
    IN,
    // (string, pattern) with % and _ ; (string, pattern, escape) optional
    LIKE,
    // (unit, value): unit a VARCHAR literal YEAR, QUARTER, MONTH, DAY, HOUR, MINUTE or SECOND;
    // value a DATE or TIMESTAMP -> BIGINT (SECOND: whole seconds)
    EXTRACT,
    // (string, start[, length]) -> VARCHAR; 1-based character positions as in SQL: characters
    // from max(start, 1) to start + length - 1; a negative length is a user error
    SUBSTRING,
    // (string) -> VARCHAR: case mapping with the root locale
    UPPER,
    LOWER,
    // (string) -> BIGINT or INTEGER: characters (code points)
    CHAR_LENGTH,
    // (mode, characters, string): mode a VARCHAR literal BOTH, LEADING or TRAILING, characters a
    // VARCHAR literal of ASCII characters to remove -> VARCHAR
    TRIM,
    // (a, b, ...) VARCHARs -> VARCHAR; NULL if any argument is NULL
    CONCAT,
    // (needle, haystack) -> 1-based character position of the first match, 0 if none
    POSITION,
    // (string, from, to) -> every occurrence of from replaced by to
    REPLACE,
    // numeric (x) -> the call's type
    ABS,
    FLOOR,
    CEIL,
    // (x, digits): digits an INTEGER literal; half away from zero
    ROUND,
    // (unit, value): unit a VARCHAR literal year, quarter, month, week, day, hour, minute or
    // second; value a DATE or TIMESTAMP -> the value's type
    DATE_TRUNC,
    // (DATE or TIMESTAMP, BIGINT amount) -> the first argument's type
    DATE_ADD_DAYS,
    DATE_ADD_MONTHS,
    // (TIMESTAMP, BIGINT microseconds) -> TIMESTAMP
    TIMESTAMP_ADD_MICROS,
    // (DATE a, DATE b) -> INTEGER days from b to a (a - b, as PostgreSQL's date - date)
    DATE_DIFF_DAYS,
}
