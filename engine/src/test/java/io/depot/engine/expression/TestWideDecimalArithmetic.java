package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.DepotException;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.Int128;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** 128-bit decimal arithmetic against BigInteger/BigDecimal on random and extreme values. */
class TestWideDecimalArithmetic extends AllocatorTest {
    private static final BigInteger MAX_128 = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    private static final BigInteger MIN_128 = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger MAX_38 = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

    @Test
    void int128MathMatchesBigIntegerOrReportsOverflow() {
        Random random = new Random(3);
        long[] out = new long[2];
        for (int i = 0; i < 200_000; i++) {
            BigInteger a = randomValue(random);
            BigInteger b = randomValue(random);
            check(a.add(b), () -> Int128Math.add(Int128.high(a), Int128.low(a), Int128.high(b), Int128.low(b), out), out);
            check(a.multiply(b), () -> Int128Math.multiply(Int128.high(a), Int128.low(a), Int128.high(b),
                    Int128.low(b), out), out);
            check(a.negate(), () -> Int128Math.negate(Int128.high(a), Int128.low(a), out), out);
            int exponent = random.nextInt(39);
            check(a.multiply(BigInteger.TEN.pow(exponent)),
                    () -> Int128Math.scaleUp(Int128.high(a), Int128.low(a), exponent, out), out);
            int precision = random.nextInt(39);
            assertThat(Int128Math.fitsPrecision(Int128.high(a), Int128.low(a), precision))
                    .as("%s within %d digits", a, precision)
                    .isEqualTo(a.abs().compareTo(BigInteger.TEN.pow(precision)) < 0);
        }
    }

    /** Values of every bit length, both signs, and the 128-bit and 38-digit edges. */
    private static BigInteger randomValue(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> MAX_128;
            case 1 -> MIN_128.add(BigInteger.ONE);
            case 2 -> random.nextBoolean() ? MAX_38 : MAX_38.negate();
            case 3 -> BigInteger.valueOf(random.nextInt(3) - 1);
            default -> {
                BigInteger magnitude = new BigInteger(random.nextInt(127) + 1, random);
                yield random.nextBoolean() ? magnitude : magnitude.negate();
            }
        };
    }

    private static void check(BigInteger expected, Runnable operation, long[] out) {
        if (expected.equals(MIN_128)) {
            // -2^127 lies far outside every decimal's range; either answer is fine there.
            return;
        }
        if (expected.compareTo(MAX_128) > 0 || expected.compareTo(MIN_128) < 0) {
            assertThatThrownBy(operation::run).as("%s overflows", expected).isInstanceOf(DepotException.class)
                    .hasMessageContaining("numeric overflow");
        } else {
            operation.run();
            assertThat(Int128.toBigInteger(out[0], out[1])).isEqualTo(expected);
        }
    }

    @Test
    void kernelsMatchBigDecimalOnRandomWideAndNarrowArguments() {
        ColumnType wide = ColumnType.decimal(38, 10);
        ColumnType narrow = ColumnType.decimal(15, 2);
        Random random = new Random(9);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            BigDecimal a = random.nextInt(10) == 0 ? null
                    : new BigDecimal(new BigInteger(random.nextInt(70) + 1, random), 10).multiply(sign(random));
            BigDecimal b = random.nextInt(10) == 0 ? null
                    : BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000_000L, 2);
            rows.add(Arrays.asList(a, b));
        }
        ValuesNode input = values(List.of(Column.nullable("a", wide), Column.nullable("b", narrow)), rows);
        ColumnReference left = new ColumnReference(0, wide, true);
        ColumnReference right = new ColumnReference(1, narrow, true);
        ColumnType sumType = ColumnType.decimal(38, 10);
        ColumnType productType = ColumnType.decimal(38, 12);
        ColumnType quotientType = ColumnType.decimal(38, 6);
        List<Object> sums = evaluate(allocator, input, Call.of(Function.ADD, sumType, left, right));
        List<Object> differences = evaluate(allocator, input, Call.of(Function.SUBTRACT, sumType, left, right));
        List<Object> products = evaluate(allocator, input, Call.of(Function.MULTIPLY, productType, left, right));
        List<Object> negations = evaluate(allocator, input, Call.of(Function.NEGATE, wide, left));
        for (int i = 0; i < rows.size(); i++) {
            BigDecimal a = (BigDecimal) rows.get(i).get(0);
            BigDecimal b = (BigDecimal) rows.get(i).get(1);
            boolean isNull = a == null || b == null;
            assertThat(sums.get(i)).isEqualTo(isNull ? null : a.add(b).setScale(10));
            assertThat(differences.get(i)).isEqualTo(isNull ? null : a.subtract(b).setScale(10));
            assertThat(products.get(i)).isEqualTo(isNull ? null : a.multiply(b).setScale(12));
            assertThat(negations.get(i)).isEqualTo(a == null ? null : a.negate());
        }
        List<List<Object>> divisible = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.get(1) != null && ((BigDecimal) row.get(1)).signum() != 0) {
                divisible.add(row);
            }
        }
        ValuesNode divisions = values(List.of(Column.nullable("a", wide), Column.nullable("b", narrow)), divisible);
        List<Object> quotients = evaluate(allocator, divisions, Call.of(Function.DIVIDE, quotientType, left, right));
        for (int i = 0; i < divisible.size(); i++) {
            BigDecimal a = (BigDecimal) divisible.get(i).get(0);
            BigDecimal b = (BigDecimal) divisible.get(i).get(1);
            assertThat(quotients.get(i)).isEqualTo(a == null ? null : a.divide(b, 6, RoundingMode.HALF_UP));
        }
    }

    @Test
    void resultsPastThePrecisionAreOverflowErrors() {
        ColumnType type = ColumnType.decimal(38, 0);
        ValuesNode input = values(List.of(Column.nullable("a", type), Column.nullable("b", type)),
                List.of(Arrays.asList(new BigDecimal(MAX_38), BigDecimal.ONE)));
        ColumnReference a = new ColumnReference(0, type, true);
        ColumnReference b = new ColumnReference(1, type, true);
        assertThatThrownBy(() -> evaluate(allocator, input, Call.of(Function.ADD, type, a, b)))
                .isInstanceOf(DepotException.class).hasMessageContaining("numeric overflow");
        assertThat(evaluate(allocator, input, Call.of(Function.SUBTRACT, type, a, b)))
                .containsExactly(new BigDecimal(MAX_38.subtract(BigInteger.ONE)));
        assertThatThrownBy(() -> evaluate(allocator, input, Call.of(Function.DIVIDE, type, b, Call.of(Function.SUBTRACT,
                type, b, b)))).isInstanceOf(DepotException.class).hasMessage("Division by zero");
    }

    private static BigDecimal sign(Random random) {
        return random.nextBoolean() ? BigDecimal.ONE : BigDecimal.ONE.negate();
    }
}
