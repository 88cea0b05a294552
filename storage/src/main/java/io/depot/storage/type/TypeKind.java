package io.depot.storage.type;

/**
 * The logical types Depot stores and computes on.
 *
 * <p>Each kind has exactly one physical Arrow representation, see {@link ArrowTypes}:
 * BOOLEAN is a BitVector, INTEGER an IntVector, BIGINT a BigIntVector, DOUBLE a Float8Vector,
 * DECIMAL a BigIntVector of unscaled values up to precision 18 and a 128-bit DecimalVector from
 * precision 19 to 38 (see {@link ColumnType#isWideDecimal()}), DATE a DateDayVector (days
 * since 1970-01-01), TIMESTAMP a TimeStampMicroVector (microseconds since 1970-01-01T00:00,
 * no time zone) and VARCHAR a VarCharVector of UTF-8 bytes.
 */
public enum TypeKind {
    BOOLEAN,
    INTEGER,
    BIGINT,
    DOUBLE,
    DECIMAL,
    DATE,
    TIMESTAMP,
    VARCHAR;

    public boolean isNumeric() {
        return this == INTEGER || this == BIGINT || this == DOUBLE || this == DECIMAL;
    }
}
