package io.depot.storage.segment;

import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Generated column values of many shapes, as boxed literals (null for NULL), for encoding tests. */
final class ColumnData {
    enum Shape { SORTED, RUNS, RANDOM, LOW_CARDINALITY, HIGH_CARDINALITY, CONSTANT, EXTREMES }

    static final List<ColumnType> TYPES = List.of(ColumnType.BOOLEAN, ColumnType.INTEGER, ColumnType.BIGINT,
            ColumnType.DOUBLE, ColumnType.decimal(18, 2), ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.VARCHAR,
            ColumnType.decimal(38, 10));

    /** 10^30: moves wide decimals past 64 bits while keeping their spread (and frames) narrow. */
    private static final BigInteger WIDE_OFFSET = BigInteger.TEN.pow(30);
    private static final BigInteger WIDE_MAX = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

    private static final String[] WORDS = {"", "서울", "부산", "a", "b", "Zürich", "\uD83D\uDE00 smile", "東京", "zz"};

    private ColumnData() {}

    /** {@code rows} values of the given shape; a {@code nullFraction} of them NULL. */
    static List<Object> generate(ColumnType type, Shape shape, int rows, double nullFraction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Object> values = new ArrayList<>(rows);
        long base = random.nextLong(-1_000_000, 1_000_000);
        long current = base;
        long runValue = base;
        for (int row = 0; row < rows; row++) {
            long physical = switch (shape) {
                case SORTED -> current += random.nextInt(3);
                case RUNS -> {
                    if (random.nextInt(50) == 0) {
                        runValue = base + random.nextInt(10);
                    }
                    yield runValue;
                }
                case RANDOM, HIGH_CARDINALITY -> random.nextLong();
                case LOW_CARDINALITY -> base + random.nextInt(6);
                case CONSTANT -> base;
                case EXTREMES -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            };
            values.add(random.nextDouble() < nullFraction ? null : literal(type, physical, shape));
        }
        return values;
    }

    /** A literal of the type derived from a 64-bit seed value, clamped into the type's range. */
    static Object literal(ColumnType type, long physical, Shape shape) {
        return switch (type.kind()) {
            case BOOLEAN -> (physical & 1) == 0;
            case INTEGER -> shape == Shape.EXTREMES
                    ? (physical < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE) : (int) physical;
            case BIGINT -> physical;
            case DOUBLE -> shape == Shape.EXTREMES
                    ? (physical < 0 ? -Double.MAX_VALUE : Double.NaN)
                    : shape == Shape.RANDOM || shape == Shape.HIGH_CARDINALITY
                            ? Double.longBitsToDouble(physical & 0x7FEF_FFFF_FFFF_FFFFL) * ((physical & 2) - 1)
                            : physical / 4.0;
            case DECIMAL -> type.isWideDecimal() ? wide(type, physical, shape)
                    : BigDecimal.valueOf(physical % 999_999_999_999_999_999L, type.scale());
            case DATE -> LocalDate.ofEpochDay(Math.floorMod(physical, 2_000_000) - 1_000_000);
            case TIMESTAMP -> ArrowValues.timestampFromMicros(physical >> 8);
            case VARCHAR -> switch (shape) {
                case RANDOM, HIGH_CARDINALITY -> "값-" + Long.toHexString(physical);
                case EXTREMES -> physical < 0 ? "" : "\uFFFF\uD83D\uDE00";
                default -> WORDS[(int) Math.floorMod(physical, WORDS.length)] + (shape == Shape.SORTED ? physical : "");
            };
        };
    }

    /** A 128-bit decimal: extremes at ±(10^38 - 1), random ones spread over all 38 digits. */
    private static BigDecimal wide(ColumnType type, long physical, Shape shape) {
        BigInteger unscaled = switch (shape) {
            case EXTREMES -> physical < 0 ? WIDE_MAX.negate() : WIDE_MAX;
            case RANDOM, HIGH_CARDINALITY -> BigInteger.valueOf(physical).multiply(BigInteger.TEN.pow(19))
                    .add(BigInteger.valueOf(physical % 1_000_000_007L));
            default -> WIDE_OFFSET.add(BigInteger.valueOf(physical)).negate();
        };
        return new BigDecimal(unscaled, type.scale());
    }

    static List<List<Object>> rows(List<Object> column) {
        List<List<Object>> rows = new ArrayList<>(column.size());
        for (Object value : column) {
            rows.add(Arrays.asList(value));
        }
        return rows;
    }
}
