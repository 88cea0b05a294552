package io.depot.sql.pgwire;

import io.depot.storage.type.ColumnType;

/** How a Depot type is described to PostgreSQL clients: type OID, size and modifier. */
enum PgType {
    BOOL(16, 1),
    INT2(21, 2),
    INT4(23, 4),
    INT8(20, 8),
    FLOAT4(700, 4),
    FLOAT8(701, 8),
    NUMERIC(1700, -1),
    DATE(1082, 4),
    TIMESTAMP(1114, 8),
    TIMESTAMPTZ(1184, 8),
    TEXT(25, -1),
    VARCHAR(1043, -1),
    BPCHAR(1042, -1),
    /** Only announced, for catalog answers SQLAlchemy reads as a list (pg_constraint.conkey). */
    INT2_ARRAY(1005, -1),
    UNKNOWN(705, -2);

    final int oid;
    /** pg_type.typlen: bytes of the binary form, -1 for variable length. */
    final int size;

    PgType(int oid, int size) {
        this.oid = oid;
        this.size = size;
    }

    static PgType of(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> BOOL;
            case INTEGER -> INT4;
            case BIGINT -> INT8;
            case DOUBLE -> FLOAT8;
            case DECIMAL -> NUMERIC;
            case DATE -> DATE;
            case TIMESTAMP -> TIMESTAMP;
            case VARCHAR -> VARCHAR;
        };
    }

    /** The type with this OID, or null when Depot does not know it (the value is then read as text). */
    static PgType ofOid(int oid) {
        for (PgType type : values()) {
            if (type.oid == oid) {
                return type;
            }
        }
        return null;
    }

    /** The atttypmod of a column: numeric's ((precision << 16) | scale) + 4, otherwise -1. */
    static int modifier(ColumnType type) {
        return switch (type.kind()) {
            case DECIMAL -> ((type.precision() << 16) | type.scale()) + 4;
            default -> -1;
        };
    }

    /** format_type(oid, typmod) as PostgreSQL prints it, e.g. {@code numeric(15,2)}. */
    static String formatType(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case DOUBLE -> "double precision";
            case DECIMAL -> "numeric(" + type.precision() + "," + type.scale() + ")";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp without time zone";
            case VARCHAR -> "character varying";
        };
    }
}
