package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestDecimalArithmeticKernel extends AllocatorTest {
    private static final ColumnType TWO_PLACES = ColumnType.decimal(10, 2);
    private static final ColumnType THREE_PLACES = ColumnType.decimal(10, 3);
    private static final ColumnReference A = new ColumnReference(0, TWO_PLACES, true);
    private static final ColumnReference B = new ColumnReference(1, THREE_PLACES, true);

    private static ValuesNode input(String... pairs) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            rows.add(Arrays.asList(pairs[i] == null ? null : new BigDecimal(pairs[i]),
                    pairs[i + 1] == null ? null : new BigDecimal(pairs[i + 1])));
        }
        return values(List.of(Column.nullable("a", TWO_PLACES), Column.nullable("b", THREE_PLACES)), rows);
    }

    private List<Object> apply(Function function, ColumnType resultType, ValuesNode input) {
        return evaluate(allocator, input, Call.of(function, resultType, A, B));
    }

    @Test
    void addAndSubtractRescaleToTheResultScale() {
        ValuesNode input = input("1.25", "0.125", "-1.00", "0.001", null, "1.000");
        assertThat(apply(Function.ADD, ColumnType.decimal(12, 3), input))
                .isEqualTo(Arrays.asList(new BigDecimal("1.375"), new BigDecimal("-0.999"), null));
        assertThat(apply(Function.SUBTRACT, ColumnType.decimal(12, 3), input))
                .isEqualTo(Arrays.asList(new BigDecimal("1.125"), new BigDecimal("-1.001"), null));
    }

    @Test
    void multiplyTakesTheExactProductThenRoundsHalfUp() {
        ValuesNode input = input("1.25", "0.125", "-1.25", "0.125");
        assertThat(apply(Function.MULTIPLY, ColumnType.decimal(18, 5), input))
                .isEqualTo(List.of(new BigDecimal("0.15625"), new BigDecimal("-0.15625")));
        // 0.15625 rounded to 4 places, half away from zero
        assertThat(apply(Function.MULTIPLY, ColumnType.decimal(18, 4), input))
                .isEqualTo(List.of(new BigDecimal("0.1563"), new BigDecimal("-0.1563")));
    }

    @Test
    void divideRoundsHalfUpToTheResultScale() {
        ValuesNode input = input("1.00", "3.000", "2.00", "3.000", "-2.00", "3.000", "1.00", "8.000");
        assertThat(apply(Function.DIVIDE, ColumnType.decimal(18, 6), input)).isEqualTo(List.of(
                new BigDecimal("0.333333"), new BigDecimal("0.666667"), new BigDecimal("-0.666667"),
                new BigDecimal("0.125000")));
        assertThat(apply(Function.DIVIDE, ColumnType.decimal(18, 2), input)).isEqualTo(List.of(
                new BigDecimal("0.33"), new BigDecimal("0.67"), new BigDecimal("-0.67"), new BigDecimal("0.13")));
    }

    @Test
    void moduloOfMixedScales() {
        assertThat(apply(Function.MODULO, ColumnType.decimal(10, 3), input("5.50", "2.000", "-5.50", "2.000")))
                .isEqualTo(List.of(new BigDecimal("1.500"), new BigDecimal("-1.500")));
    }

    @Test
    void divisionByZeroIsAUserError() {
        assertThatThrownBy(() -> apply(Function.DIVIDE, ColumnType.decimal(18, 6), input("1.00", "0.000")))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                .hasMessage("Division by zero");
    }

    @Test
    void overflowingSixtyFourBitsIsAUserError() {
        ColumnType wide = ColumnType.decimal(18, 0);
        ColumnReference x = new ColumnReference(0, wide, false);
        ValuesNode input = values(List.of(Column.nullable("x", wide)),
                List.of(List.of(new BigDecimal("900000000000000000"))));
        // Rescaling 9 * 10^17 to two places needs more than 64 bits.
        assertThatThrownBy(() -> evaluate(allocator, input, Call.of(Function.ADD, ColumnType.decimal(18, 2), x, x)))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                .hasMessage("numeric overflow");
        assertThatThrownBy(() -> evaluate(allocator, input, Call.of(Function.MULTIPLY, wide, x, x)))
                .hasMessage("numeric overflow");
    }

    @Test
    void productBeyondSixtyFourBitsThatFitsAfterRescalingIsExact() {
        ColumnType manyPlaces = ColumnType.decimal(18, 9);
        ColumnReference x = new ColumnReference(0, manyPlaces, false);
        ValuesNode input = values(List.of(Column.nullable("x", manyPlaces)),
                List.of(List.of(new BigDecimal("123456.123456789"))));
        assertThat(evaluate(allocator, input, Call.of(Function.MULTIPLY, ColumnType.decimal(18, 2), x, x)))
                .containsExactly(new BigDecimal("15241414418.98"));
    }

    @Test
    void aConstantOnEitherSideMatchesBigDecimal() {
        Random random = new Random(5);
        BigDecimal constant = new BigDecimal("1.5");
        ColumnType constantType = ColumnType.decimal(2, 1);
        Literal literal = new Literal(constant, constantType);
        BigDecimal finerConstant = new BigDecimal("0.125");
        Literal finer = new Literal(finerConstant, ColumnType.decimal(4, 3));
        for (boolean withNulls : new boolean[] {false, true}) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                BigDecimal a = BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 2);
                rows.add(Arrays.asList(withNulls && i % 9 == 0 ? null : a));
            }
            ValuesNode input = values(List.of(Column.nullable("a", TWO_PLACES)), rows);
            ColumnType sumType = ColumnType.decimal(18, 2);
            ColumnType productType = ColumnType.decimal(18, 3);
            List<List<Object>> results = List.of(
                    evaluate(allocator, input, Call.of(Function.ADD, sumType, literal, A)),
                    evaluate(allocator, input, Call.of(Function.SUBTRACT, sumType, literal, A)),
                    evaluate(allocator, input, Call.of(Function.SUBTRACT, sumType, A, literal)),
                    evaluate(allocator, input, Call.of(Function.MULTIPLY, productType, literal, A)),
                    evaluate(allocator, input, Call.of(Function.MULTIPLY, productType, A, literal)),
                    // a constant with more places than the column: the column's side is rescaled
                    evaluate(allocator, input, Call.of(Function.SUBTRACT, productType, finer, A)),
                    evaluate(allocator, input, Call.of(Function.ADD, productType, A, finer)));
            for (int i = 0; i < rows.size(); i++) {
                BigDecimal a = (BigDecimal) rows.get(i).get(0);
                if (a == null) {
                    for (List<Object> result : results) {
                        assertThat(result.get(i)).isNull();
                    }
                    continue;
                }
                assertThat(results.get(0).get(i)).isEqualTo(constant.add(a).setScale(2));
                assertThat(results.get(1).get(i)).isEqualTo(constant.subtract(a).setScale(2));
                assertThat(results.get(2).get(i)).isEqualTo(a.subtract(constant).setScale(2));
                assertThat(results.get(3).get(i)).isEqualTo(constant.multiply(a));
                assertThat(results.get(4).get(i)).isEqualTo(a.multiply(constant));
                assertThat(results.get(5).get(i)).isEqualTo(finerConstant.subtract(a).setScale(3));
                assertThat(results.get(6).get(i)).isEqualTo(a.add(finerConstant).setScale(3));
            }
        }
        // an overflow against the constant is still the user error
        ColumnType wide = ColumnType.decimal(18, 0);
        ValuesNode big = values(List.of(Column.nullable("x", wide)), List.of(List.of(new BigDecimal("900000000000000000"))));
        assertThatThrownBy(() -> evaluate(allocator, big, Call.of(Function.MULTIPLY, wide,
                new Literal(new BigDecimal("20"), wide), new ColumnReference(0, wide, false))))
                .hasMessage("numeric overflow");
    }

    @Test
    void randomValuesMatchBigDecimal() {
        Random random = new Random(3);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            BigDecimal a = BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 2);
            BigDecimal b = BigDecimal.valueOf(random.nextLong() % 10_000_000L, 3);
            rows.add(Arrays.asList(a, b.signum() == 0 ? BigDecimal.valueOf(1, 3) : b));
        }
        ValuesNode input = values(List.of(Column.nullable("a", TWO_PLACES), Column.nullable("b", THREE_PLACES)), rows);
        ColumnType sumType = ColumnType.decimal(18, 3);
        ColumnType productType = ColumnType.decimal(18, 4);
        ColumnType quotientType = ColumnType.decimal(18, 6);
        List<Object> sums = apply(Function.ADD, sumType, input);
        List<Object> differences = apply(Function.SUBTRACT, sumType, input);
        List<Object> products = apply(Function.MULTIPLY, productType, input);
        // at the product's own scale (2 + 3), as TPC-H's price * (1 - discount) is typed
        List<Object> exactProducts = apply(Function.MULTIPLY, ColumnType.decimal(18, 5), input);
        List<Object> quotients = apply(Function.DIVIDE, quotientType, input);
        List<Object> remainders = apply(Function.MODULO, sumType, input);
        for (int i = 0; i < rows.size(); i++) {
            BigDecimal a = (BigDecimal) rows.get(i).get(0);
            BigDecimal b = (BigDecimal) rows.get(i).get(1);
            assertThat(sums.get(i)).isEqualTo(a.add(b).setScale(3));
            assertThat(differences.get(i)).isEqualTo(a.subtract(b).setScale(3));
            assertThat(products.get(i)).isEqualTo(a.multiply(b).setScale(4, RoundingMode.HALF_UP));
            assertThat(exactProducts.get(i)).isEqualTo(a.multiply(b));
            assertThat(quotients.get(i)).isEqualTo(a.divide(b, 6, RoundingMode.HALF_UP));
            assertThat(remainders.get(i)).isEqualTo(a.remainder(b).setScale(3));
        }
    }
}
