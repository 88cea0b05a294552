package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TestNumericFunctionKernel extends AllocatorTest {
    private static final ColumnType DECIMAL = ColumnType.decimal(8, 3);
    private static final ColumnReference VALUE = new ColumnReference(0, DECIMAL, true);
    private static final ValuesNode INPUT = QueryTesting.column(DECIMAL, new BigDecimal("2.345"), new BigDecimal("-2.345"),
            new BigDecimal("-0.500"), null);

    @Test
    void decimalsRoundHalfAwayFromZero() {
        Expression round = Call.of(Function.ROUND, DECIMAL, VALUE, new Literal(2, ColumnType.INTEGER));
        assertThat(evaluate(allocator, INPUT, round)).isEqualTo(Arrays.asList(
                new BigDecimal("2.350"), new BigDecimal("-2.350"), new BigDecimal("-0.500"), null));
        ColumnType integral = ColumnType.decimal(6, 0);
        assertThat(evaluate(allocator, INPUT, Call.of(Function.FLOOR, integral, VALUE))).isEqualTo(Arrays.asList(
                new BigDecimal("2"), new BigDecimal("-3"), new BigDecimal("-1"), null));
        assertThat(evaluate(allocator, INPUT, Call.of(Function.CEIL, integral, VALUE))).isEqualTo(Arrays.asList(
                new BigDecimal("3"), new BigDecimal("-2"), new BigDecimal("0"), null));
        assertThat(evaluate(allocator, INPUT, Call.of(Function.ABS, DECIMAL, VALUE))).isEqualTo(Arrays.asList(
                new BigDecimal("2.345"), new BigDecimal("2.345"), new BigDecimal("0.500"), null));
    }

    @Test
    void absOfTheSmallestBigintOverflows() {
        ValuesNode input = QueryTesting.column(ColumnType.BIGINT, Long.MIN_VALUE);
        assertThatThrownBy(() -> evaluate(allocator, input,
                Call.of(Function.ABS, ColumnType.BIGINT, new ColumnReference(0, ColumnType.BIGINT, false))))
                .hasMessage("numeric overflow");
    }
}
