package io.depot.sql.pgwire;

import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * PostgreSQL's binary format, which pgJDBC asks for once a statement is server-prepared
 * (numbers, dates, timestamps) and uses for some parameters: big-endian integers and IEEE
 * doubles, dates as days and timestamps as microseconds since 2000-01-01, numerics as base-10000
 * digit groups.
 */
final class BinaryValues {
    /** Days from 1970-01-01 to PostgreSQL's epoch 2000-01-01. */
    private static final int EPOCH_DAYS = 10_957;
    private static final long EPOCH_MICROS = EPOCH_DAYS * 86_400_000_000L;
    private static final int NUMERIC_NEGATIVE = 0x4000;

    private BinaryValues() {}

    /** Appends row {@code row} of the vector (not null) in binary, without the length field. */
    static void append(MessageWriter out, FieldVector vector, ColumnType type, int row) {
        switch (type.kind()) {
            case BOOLEAN -> out.int8(((BitVector) vector).get(row));
            case INTEGER -> out.int32(((IntVector) vector).get(row));
            case BIGINT -> int64(out, ((BigIntVector) vector).get(row));
            case DOUBLE -> int64(out, Double.doubleToRawLongBits(((Float8Vector) vector).get(row)));
            case DECIMAL -> numeric(out, BigDecimal.valueOf(((BigIntVector) vector).get(row), type.scale()));
            case DATE -> out.int32(((DateDayVector) vector).get(row) - EPOCH_DAYS);
            case TIMESTAMP -> int64(out, ((TimeStampMicroVector) vector).get(row) - EPOCH_MICROS);
            case VARCHAR -> out.bytes(((VarCharVector) vector).get(row));
        }
    }

    /** Appends a Java value (see {@link TextValues#format}) in binary. */
    static void append(MessageWriter out, Object value, ColumnType type) {
        switch (type.kind()) {
            case BOOLEAN -> out.int8((Boolean) value ? 1 : 0);
            case INTEGER -> out.int32(((Number) value).intValue());
            case BIGINT -> int64(out, ((Number) value).longValue());
            case DOUBLE -> int64(out, Double.doubleToRawLongBits(((Number) value).doubleValue()));
            case DECIMAL -> numeric(out, (BigDecimal) value);
            case DATE -> out.int32((int) ((LocalDate) value).toEpochDay() - EPOCH_DAYS);
            case TIMESTAMP -> int64(out, io.depot.storage.type.ArrowValues.timestampToMicros((LocalDateTime) value) - EPOCH_MICROS);
            case VARCHAR -> out.bytes(value.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void int64(MessageWriter out, long value) {
        out.int32((int) (value >>> 32)).int32((int) value);
    }

    /** numeric: ndigits, weight (of the first base-10000 group), sign, display scale, groups. */
    static void numeric(MessageWriter out, BigDecimal value) {
        int scale = Math.max(value.scale(), 0);
        BigInteger unscaled = value.setScale(scale).unscaledValue().abs();
        // pad the fraction to whole groups of 4 digits, so groups align on the decimal point
        int fractionGroups = (scale + 3) / 4;
        BigInteger aligned = unscaled.multiply(BigInteger.TEN.pow(fractionGroups * 4 - scale));
        java.util.ArrayDeque<Integer> groups = new java.util.ArrayDeque<>();
        BigInteger tenThousand = BigInteger.valueOf(10_000);
        while (aligned.signum() > 0) {
            BigInteger[] division = aligned.divideAndRemainder(tenThousand);
            groups.addFirst(division[1].intValue());
            aligned = division[0];
        }
        int weight = groups.size() - fractionGroups - 1;
        // PostgreSQL strips leading and trailing zero groups
        while (!groups.isEmpty() && groups.peekLast() == 0) {
            groups.removeLast();
        }
        while (!groups.isEmpty() && groups.peekFirst() == 0) {
            groups.removeFirst();
            weight--;
        }
        if (groups.isEmpty()) {
            weight = 0;
        }
        out.int16(groups.size()).int16(weight).int16(value.signum() < 0 ? NUMERIC_NEGATIVE : 0).int16(scale);
        for (int group : groups) {
            out.int16(group);
        }
    }

    /** A binary parameter of PostgreSQL type {@code type} as a Java value {@code Parameters} accepts. */
    static Object decode(PgType type, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return switch (type) {
            case BOOL -> bytes[0] != 0;
            case INT2 -> (int) buffer.getShort();
            case INT4 -> buffer.getInt();
            case INT8 -> buffer.getLong();
            case FLOAT4 -> (double) buffer.getFloat();
            case FLOAT8 -> buffer.getDouble();
            case NUMERIC -> decodeNumeric(buffer);
            case DATE -> LocalDate.ofEpochDay(buffer.getInt() + (long) EPOCH_DAYS);
            case TIMESTAMP, TIMESTAMPTZ -> io.depot.storage.type.ArrowValues.timestampFromMicros(buffer.getLong() + EPOCH_MICROS);
            case TEXT, VARCHAR, BPCHAR, UNKNOWN -> new String(bytes, StandardCharsets.UTF_8);
            case INT2_ARRAY -> throw new NumberFormatException("arrays are not accepted as parameters");
        };
    }

    private static BigDecimal decodeNumeric(ByteBuffer buffer) {
        int count = buffer.getShort();
        int weight = buffer.getShort();
        int sign = buffer.getShort() & 0xFFFF;
        int scale = buffer.getShort();
        if (sign == 0xC000) {
            throw new NumberFormatException("NaN is not a DECIMAL");
        }
        BigDecimal value = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            value = value.add(BigDecimal.valueOf(buffer.getShort()).scaleByPowerOfTen(4 * (weight - i)));
        }
        value = value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
        return sign == NUMERIC_NEGATIVE ? value.negate() : value;
    }
}
