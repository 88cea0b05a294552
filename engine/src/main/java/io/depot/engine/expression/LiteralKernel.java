package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.batch.WideDecimals;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * A constant, converted once to its primitive form and repeated for every row (a wide DECIMAL as
 * its 16-byte key, like a VARCHAR's bytes).
 */
final class LiteralKernel implements Kernel {
    private final ColumnType type;
    private final boolean isNull;
    private final long longValue;
    private final double doubleValue;
    private final byte[] bytes;
    private final ConstantBytes constantBytes;

    LiteralKernel(Literal literal) {
        this.type = literal.type();
        Object value = literal.value();
        this.isNull = value == null;
        boolean wide = type.isWideDecimal();
        this.longValue = isNull || wide ? 0 : toLong(value, type);
        this.doubleValue = value instanceof Double d ? d : 0;
        this.bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                : wide && !isNull ? WideDecimals.key(((BigDecimal) value).unscaledValue()) : new byte[0];
        this.constantBytes = new ConstantBytes(bytes);
    }

    /** A constant computed at compile time: row 0 of {@code data}, a value of {@code type}. */
    private LiteralKernel(ColumnType type, ColumnData data) {
        this.type = type;
        this.isNull = data.isNull(0);
        this.longValue = isNull ? 0
                : data instanceof LongData longs ? longs.values()[0]
                : data instanceof BooleanData booleans && booleans.values()[0] ? 1 : 0;
        this.doubleValue = !isNull && data instanceof DoubleData doubles ? doubles.values()[0] : 0;
        this.bytes = !isNull && data instanceof StringData strings ? strings.copyBytes(0) : new byte[0];
        this.constantBytes = new ConstantBytes(bytes);
    }

    /** The constant an expression without column references evaluates to, computed once. */
    static LiteralKernel fold(Kernel constant, ColumnType type) {
        EvaluationContext oneRow = EvaluationContext.ofLoader(1, 0, column -> {
            throw new IllegalStateException("a constant expression read column " + column);
        });
        return new LiteralKernel(type, constant.evaluate(oneRow));
    }

    ColumnType type() {
        return type;
    }

    boolean isNull() {
        return isNull;
    }

    /** The value of a non-null literal held as 64 bits (see {@link #toLong}). */
    long longValue() {
        return longValue;
    }

    /** The value of a non-null DOUBLE literal. */
    double doubleValue() {
        return doubleValue;
    }

    /** The bytes of a non-null VARCHAR literal (UTF-8) or wide DECIMAL literal (its order-preserving key). */
    byte[] bytes() {
        return bytes;
    }

    /** {@link #bytes()} prepared for fast equality tests. */
    ConstantBytes constantBytes() {
        return constantBytes;
    }

    /** The 64-bit form of a non-null literal value of a {@link LongData} type, or of a BOOLEAN. */
    static long toLong(Object value, ColumnType type) {
        return switch (type.kind()) {
            case BOOLEAN -> (Boolean) value ? 1 : 0;
            case INTEGER -> (Integer) value;
            case BIGINT -> (Long) value;
            case DECIMAL -> ArrowValues.unscaled((BigDecimal) value, type);
            case DATE -> ((LocalDate) value).toEpochDay();
            case TIMESTAMP -> ArrowValues.timestampToMicros((LocalDateTime) value);
            case DOUBLE, VARCHAR -> 0;
        };
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        int size = context.size();
        if (isNull) {
            return ColumnData.allNull(type, size);
        }
        return switch (type.isWideDecimal() ? TypeKind.VARCHAR : type.kind()) {
            case BOOLEAN -> {
                boolean[] values = new boolean[size];
                Arrays.fill(values, longValue != 0);
                yield new BooleanData(values, null, size);
            }
            case DOUBLE -> {
                double[] values = new double[size];
                Arrays.fill(values, doubleValue);
                yield new DoubleData(values, null, size);
            }
            case VARCHAR -> {
                byte[] all = new byte[Math.multiplyExact(bytes.length, size)];
                int[] offsets = new int[size + 1];
                for (int i = 0; i < size; i++) {
                    System.arraycopy(bytes, 0, all, i * bytes.length, bytes.length);
                    offsets[i + 1] = (i + 1) * bytes.length;
                }
                yield new StringData(offsets, all, null, size);
            }
            default -> {
                long[] values = new long[size];
                Arrays.fill(values, longValue);
                yield new LongData(values, null, size);
            }
        };
    }
}
