package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static io.depot.engine.testing.QueryTesting.row;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestLongArithmeticKernel extends AllocatorTest {
    private static final ColumnReference A = new ColumnReference(0, ColumnType.INTEGER, true);
    private static final ColumnReference B = new ColumnReference(1, ColumnType.INTEGER, true);
    private static final ColumnReference X = new ColumnReference(0, ColumnType.BIGINT, true);
    private static final ColumnReference Y = new ColumnReference(1, ColumnType.BIGINT, true);

    private static ValuesNode integers(Object[]... rows) {
        return values(List.of(Column.nullable("a", ColumnType.INTEGER), Column.nullable("b", ColumnType.INTEGER)),
                Arrays.stream(rows).map(Arrays::asList).toList());
    }

    private static ValuesNode bigints(Object[]... rows) {
        return values(List.of(Column.nullable("x", ColumnType.BIGINT), Column.nullable("y", ColumnType.BIGINT)),
                Arrays.stream(rows).map(Arrays::asList).toList());
    }

    private List<Object> integer(Function function, ValuesNode input) {
        return evaluate(allocator, input, Call.of(function, ColumnType.INTEGER, A, B));
    }

    @Test
    void operatorsPropagateNull() {
        ValuesNode input = integers(new Object[] {7, 2}, new Object[] {-7, 2}, new Object[] {null, 2}, new Object[] {7, null});
        assertThat(integer(Function.ADD, input)).isEqualTo(Arrays.asList(9, -5, null, null));
        assertThat(integer(Function.SUBTRACT, input)).isEqualTo(Arrays.asList(5, -9, null, null));
        assertThat(integer(Function.MULTIPLY, input)).isEqualTo(Arrays.asList(14, -14, null, null));
        assertThat(integer(Function.DIVIDE, input)).isEqualTo(Arrays.asList(3, -3, null, null));
        assertThat(integer(Function.MODULO, input)).isEqualTo(Arrays.asList(1, -1, null, null));
        assertThat(evaluate(allocator, input, Call.of(Function.NEGATE, ColumnType.INTEGER, A)))
                .isEqualTo(Arrays.asList(-7, 7, null, -7));
    }

    @Test
    void divisionByZeroIsAUserError() {
        assertThatThrownBy(() -> integer(Function.DIVIDE, integers(new Object[] {1, 0})))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                .hasMessage("Division by zero");
        assertThatThrownBy(() -> integer(Function.MODULO, integers(new Object[] {1, 0})))
                .hasMessage("Division by zero");
    }

    @Test
    void divisionByZeroOnANullRowIsNull() {
        assertThat(integer(Function.DIVIDE, integers(new Object[] {null, 0}))).isEqualTo(Arrays.asList((Object) null));
    }

    @Test
    void integerOverflowIsAUserError() {
        assertThatThrownBy(() -> integer(Function.ADD, integers(new Object[] {Integer.MAX_VALUE, 1})))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                .hasMessage("numeric overflow");
        assertThatThrownBy(() -> evaluate(allocator, integers(new Object[] {Integer.MIN_VALUE, 1}),
                Call.of(Function.NEGATE, ColumnType.INTEGER, A))).hasMessage("numeric overflow");
    }

    @Test
    void bigintOverflowIsAUserError() {
        ValuesNode input = bigints(new Object[] {Long.MAX_VALUE, 2L});
        assertThatThrownBy(() -> evaluate(allocator, input, Call.of(Function.MULTIPLY, ColumnType.BIGINT, X, Y)))
                .hasMessage("numeric overflow");
        assertThatThrownBy(() -> evaluate(allocator, bigints(new Object[] {Long.MIN_VALUE, -1L}),
                Call.of(Function.DIVIDE, ColumnType.BIGINT, X, Y))).hasMessage("numeric overflow");
        assertThat(evaluate(allocator, bigints(new Object[] {Long.MIN_VALUE, -1L}),
                Call.of(Function.MODULO, ColumnType.BIGINT, X, Y))).containsExactly(0L);
    }

    @Test
    void doubleArithmetic() {
        ColumnReference d = new ColumnReference(0, ColumnType.DOUBLE, true);
        ValuesNode input = QueryTesting.column(ColumnType.DOUBLE, 1.5, null, -3.0);
        assertThat(evaluate(allocator, input, Call.of(Function.MULTIPLY, ColumnType.DOUBLE, d, d)))
                .isEqualTo(Arrays.asList(2.25, null, 9.0));
        assertThat(evaluate(allocator, input, Call.of(Function.DIVIDE, ColumnType.DOUBLE, d, new Literal(2.0, ColumnType.DOUBLE))))
                .isEqualTo(Arrays.asList(0.75, null, -1.5));
        assertThatThrownBy(() -> evaluate(allocator, input,
                Call.of(Function.DIVIDE, ColumnType.DOUBLE, d, new Literal(0.0, ColumnType.DOUBLE))))
                .hasMessage("Division by zero");
    }

    @Test
    void rowOfNullsOnly() {
        assertThat(integer(Function.ADD, integers(new Object[] {null, null}))).isEqualTo(Arrays.asList((Object) null));
        assertThat(integer(Function.ADD, integers(row(1, 2).toArray()))).containsExactly(3);
    }
}
