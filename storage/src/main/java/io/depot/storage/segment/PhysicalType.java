package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;

/**
 * How a fixed-width column's values sit in an Arrow data buffer. Encodings of fixed-width blocks
 * work on every value as a long (a BOOLEAN as 0 or 1, a DOUBLE as its raw IEEE-754 bits): {@link
 * #read} moves those longs from a buffer into an array, {@link FixedWidthWriter} the other way.
 */
enum PhysicalType {
    /** One bit per value (BOOLEAN). */
    BIT,
    /** 32-bit signed integers (INTEGER, DATE). */
    INT32,
    /** 64-bit signed integers (BIGINT, DECIMAL unscaled, TIMESTAMP). */
    INT64,
    /** IEEE-754 doubles, handled as their raw 64-bit patterns so every NaN payload survives. */
    FLOAT64,
    /**
     * 128-bit two's complement integers (DECIMAL wider than 18 digits, unscaled), as Arrow's
     * DecimalVector lays them out: per value the low 64 bits then the high 64 bits, so a block's
     * values are a long array of two longs per row and move in bulk like INT64.
     */
    INT128;

    /** The physical type of a fixed-width column type; VARCHAR has none. */
    static PhysicalType of(ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> BIT;
            case INTEGER, DATE -> INT32;
            case DECIMAL -> type.isWideDecimal() ? INT128 : INT64;
            case BIGINT, TIMESTAMP -> INT64;
            case DOUBLE -> FLOAT64;
            case VARCHAR -> throw new IllegalArgumentException("VARCHAR is not a fixed-width type");
        };
    }

    /** Whether frame-of-reference and delta encodings apply: they need integer arithmetic. */
    boolean isInteger() {
        return this == INT32 || this == INT64;
    }

    /** Bytes PLAIN needs for {@code rows} values. */
    int plainLength(int rows) {
        return switch (this) {
            case BIT -> (rows + 7) >>> 3;
            case INT32 -> rows * Integer.BYTES;
            case INT64, FLOAT64 -> rows * Long.BYTES;
            case INT128 -> rows * 2 * Long.BYTES;
        };
    }

    /** Longs one value takes in the arrays {@link #read} and {@link #write} use. */
    int longsPerValue() {
        return this == INT128 ? 2 : 1;
    }

    /**
     * Copies rows {@code [from, from + count)} of an Arrow data buffer into the target from row
     * {@code offset} on ({@code target[offset * longsPerValue()...]}).
     */
    void read(ArrowBuf source, int from, int count, long[] target, int offset) {
        switch (this) {
            case BIT -> {
                for (int i = 0; i < count; i++) {
                    int row = from + i;
                    target[offset + i] = (source.getByte(row >>> 3) >>> (row & 7)) & 1;
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    target[offset + i] = source.getInt((long) (from + i) * Integer.BYTES);
                }
            }
            case INT64, FLOAT64 -> {
                if (count > 0) {
                    source.nioBuffer((long) from * Long.BYTES, count * Long.BYTES)
                            .order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(target, offset, count);
                }
            }
            case INT128 -> {
                if (count > 0) {
                    source.nioBuffer((long) from * 2 * Long.BYTES, count * 2 * Long.BYTES)
                            .order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(target, offset * 2, count * 2);
                }
            }
        }
    }
}
