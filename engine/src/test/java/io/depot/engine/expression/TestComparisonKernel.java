package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestComparisonKernel extends AllocatorTest {
    private List<Object> compare(Function function, ColumnType type, Object[]... rows) {
        ValuesNode input = values(List.of(Column.nullable("a", type), Column.nullable("b", type)),
                Arrays.stream(rows).map(Arrays::asList).toList());
        return evaluate(allocator, input, Call.of(function, ColumnType.BOOLEAN,
                new ColumnReference(0, type, true), new ColumnReference(1, type, true)));
    }

    @Test
    void everyOperatorOnIntegersWithNulls() {
        Object[][] rows = {{1, 2}, {2, 2}, {3, 2}, {null, 2}, {2, null}};
        assertThat(compare(Function.EQUAL, ColumnType.INTEGER, rows)).isEqualTo(Arrays.asList(false, true, false, null, null));
        assertThat(compare(Function.NOT_EQUAL, ColumnType.INTEGER, rows)).isEqualTo(Arrays.asList(true, false, true, null, null));
        assertThat(compare(Function.LESS_THAN, ColumnType.INTEGER, rows)).isEqualTo(Arrays.asList(true, false, false, null, null));
        assertThat(compare(Function.LESS_THAN_OR_EQUAL, ColumnType.INTEGER, rows))
                .isEqualTo(Arrays.asList(true, true, false, null, null));
        assertThat(compare(Function.GREATER_THAN, ColumnType.INTEGER, rows)).isEqualTo(Arrays.asList(false, false, true, null, null));
        assertThat(compare(Function.GREATER_THAN_OR_EQUAL, ColumnType.INTEGER, rows))
                .isEqualTo(Arrays.asList(false, true, true, null, null));
    }

    @Test
    void varcharComparesByCodePoint() {
        // U+FF21 (fullwidth A) sorts after U+1F600 in UTF-16 order but before it by code point.
        Object[][] rows = {{"apple", "banana"}, {"b", "a"}, {"Ａ", "😀"}, {"ab", "abc"}, {"서울", "서울"}};
        assertThat(compare(Function.LESS_THAN, ColumnType.VARCHAR, rows)).isEqualTo(Arrays.asList(true, false, true, true, false));
        assertThat(compare(Function.EQUAL, ColumnType.VARCHAR, rows)).isEqualTo(Arrays.asList(false, false, false, false, true));
    }

    @Test
    void doubleTreatsNegativeZeroAsZeroAndNanAsLargest() {
        Object[][] rows = {{-0.0, 0.0}, {Double.NaN, Double.NaN}, {Double.NaN, Double.POSITIVE_INFINITY}};
        assertThat(compare(Function.EQUAL, ColumnType.DOUBLE, rows)).isEqualTo(Arrays.asList(true, true, false));
        assertThat(compare(Function.GREATER_THAN, ColumnType.DOUBLE, rows)).isEqualTo(Arrays.asList(false, false, true));
    }

    @Test
    void datesAndBooleans() {
        assertThat(compare(Function.LESS_THAN, ColumnType.DATE,
                new Object[] {LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2)})).containsExactly(true);
        assertThat(compare(Function.LESS_THAN, ColumnType.BOOLEAN, new Object[] {false, true})).containsExactly(true);
    }

    @Test
    void inIsTrueFalseOrNull() {
        ColumnReference x = new ColumnReference(0, ColumnType.INTEGER, true);
        ValuesNode input = QueryTesting.column(ColumnType.INTEGER, 1, 5, null);
        Expression inWithoutNull = Call.of(Function.IN, ColumnType.BOOLEAN, x,
                new Literal(1, ColumnType.INTEGER), new Literal(2, ColumnType.INTEGER));
        Expression inWithNull = Call.of(Function.IN, ColumnType.BOOLEAN, x,
                new Literal(1, ColumnType.INTEGER), Literal.nullOf(ColumnType.INTEGER));
        assertThat(evaluate(allocator, input, inWithoutNull)).isEqualTo(Arrays.asList(true, false, null));
        assertThat(evaluate(allocator, input, inWithNull)).isEqualTo(Arrays.asList(true, null, null));
    }

    @Test
    void argumentsOfDifferentTypesAreAPlanBug() {
        ColumnType twoPlaces = ColumnType.decimal(10, 2);
        ValuesNode input = QueryTesting.column(twoPlaces, new BigDecimal("1.00"));
        Expression mismatched = Call.of(Function.EQUAL, ColumnType.BOOLEAN, new ColumnReference(0, twoPlaces, true),
                new Literal(new BigDecimal("1.000"), ColumnType.decimal(10, 3)));
        assertThatThrownBy(() -> evaluate(allocator, input, mismatched))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessage("Function[EQUAL] of type[BOOLEAN] got arguments of types [DECIMAL(10,2), DECIMAL(10,3)]");
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    /**
     * Every operator on strings and on integers, column against a constant (the fast paths) and
     * column against column, checked row by row against Java's own comparison: random values
     * with NULLs, empty strings, shared prefixes and multi-byte characters.
     */
    @Test
    void randomComparisonsWithConstantsAndColumnsAgreeWithJava() {
        Random random = new Random(11);
        String[] pieces = {"", "a", "ab", "b", "MAIL", "SHIP", "서울", "😀", "Ａ", "ab\u0000"};
        Function[] functions = {Function.EQUAL, Function.NOT_EQUAL, Function.LESS_THAN, Function.LESS_THAN_OR_EQUAL,
                Function.GREATER_THAN, Function.GREATER_THAN_OR_EQUAL};
        for (int round = 0; round < 100; round++) {
            boolean strings = random.nextBoolean();
            ColumnType type = strings ? ColumnType.VARCHAR : ColumnType.BIGINT;
            int rows = 1 + random.nextInt(200);
            List<List<Object>> table = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                table.add(Arrays.asList(randomValue(random, strings, pieces), randomValue(random, strings, pieces)));
            }
            Object constant = randomValue(random, strings, pieces);
            while (constant == null) {
                constant = randomValue(random, strings, pieces);
            }
            ValuesNode input = values(List.of(Column.nullable("a", type), Column.nullable("b", type)), table);
            for (Function function : functions) {
                Expression a = new ColumnReference(0, type, true);
                List<Object> againstConstant = evaluate(allocator, input,
                        Call.of(function, ColumnType.BOOLEAN, a, new Literal(constant, type)));
                List<Object> againstColumn = evaluate(allocator, input,
                        Call.of(function, ColumnType.BOOLEAN, a, new ColumnReference(1, type, true)));
                for (int r = 0; r < rows; r++) {
                    Object left = table.get(r).get(0);
                    assertThat(againstConstant.get(r)).as("round %d %s row %d %s vs %s", round, function, r, left, constant)
                            .isEqualTo(expected(function, left, constant));
                    Object right = table.get(r).get(1);
                    assertThat(againstColumn.get(r)).as("round %d %s row %d %s vs %s", round, function, r, left, right)
                            .isEqualTo(expected(function, left, right));
                }
            }
        }
    }

    private static Object randomValue(Random random, boolean strings, String[] pieces) {
        if (random.nextInt(8) == 0) {
            return null;
        }
        if (!strings) {
            return (long) random.nextInt(7) - 3;
        }
        StringBuilder value = new StringBuilder();
        for (int i = random.nextInt(3); i > 0; i--) {
            value.append(pieces[random.nextInt(pieces.length)]);
        }
        return value.toString();
    }

    /** Java's answer: code point order for strings (UTF-8 byte order), NULL when either side is. */
    private static Boolean expected(Function function, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        int sign = left instanceof String l
                ? Arrays.compareUnsigned(l.getBytes(StandardCharsets.UTF_8),
                        ((String) right).getBytes(StandardCharsets.UTF_8))
                : Long.compare((Long) left, (Long) right);
        return switch (function) {
            case EQUAL -> sign == 0;
            case NOT_EQUAL -> sign != 0;
            case LESS_THAN -> sign < 0;
            case LESS_THAN_OR_EQUAL -> sign <= 0;
            case GREATER_THAN -> sign > 0;
            case GREATER_THAN_OR_EQUAL -> sign >= 0;
            default -> throw new IllegalStateException(function.toString());
        };
    }
}
