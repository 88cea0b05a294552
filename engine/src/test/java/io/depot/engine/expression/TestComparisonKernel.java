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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
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
}
