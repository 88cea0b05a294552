package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestLogicKernel extends AllocatorTest {
    private static final ColumnReference A = new ColumnReference(0, ColumnType.BOOLEAN, true);
    private static final ColumnReference B = new ColumnReference(1, ColumnType.BOOLEAN, true);

    /** Every pair of TRUE, FALSE and NULL, a varying fastest. */
    private static ValuesNode allPairs() {
        Boolean[] states = {true, false, null};
        List<List<Object>> rows = new ArrayList<>();
        for (Boolean b : states) {
            for (Boolean a : states) {
                rows.add(row(a, b));
            }
        }
        return values(List.of(Column.nullable("a", ColumnType.BOOLEAN), Column.nullable("b", ColumnType.BOOLEAN)), rows);
    }

    @Test
    void andIsThreeValuedWithFalseBeatingNull() {
        List<Object> result = evaluate(allocator, allPairs(), Call.of(Function.AND, ColumnType.BOOLEAN, A, B));
        // rows: (T,T) (F,T) (N,T) (T,F) (F,F) (N,F) (T,N) (F,N) (N,N)
        assertThat(result).isEqualTo(Arrays.asList(true, false, null, false, false, false, null, false, null));
    }

    @Test
    void orIsThreeValuedWithTrueBeatingNull() {
        List<Object> result = evaluate(allocator, allPairs(), Call.of(Function.OR, ColumnType.BOOLEAN, A, B));
        assertThat(result).isEqualTo(Arrays.asList(true, true, true, true, false, null, true, null, null));
    }

    @Test
    void notKeepsNull() {
        List<Object> result = evaluate(allocator, allPairs(), Call.of(Function.NOT, ColumnType.BOOLEAN, A));
        assertThat(result).isEqualTo(Arrays.asList(false, true, null, false, true, null, false, true, null));
    }

    @Test
    void nullTestsAreNeverNull() {
        assertThat(evaluate(allocator, allPairs(), Call.of(Function.IS_NULL, ColumnType.BOOLEAN, A)))
                .isEqualTo(Arrays.asList(false, false, true, false, false, true, false, false, true));
        assertThat(evaluate(allocator, allPairs(), Call.of(Function.IS_NOT_NULL, ColumnType.BOOLEAN, A)))
                .isEqualTo(Arrays.asList(true, true, false, true, true, false, true, true, false));
        assertThat(evaluate(allocator, allPairs(), Call.of(Function.IS_TRUE, ColumnType.BOOLEAN, A)))
                .isEqualTo(Arrays.asList(true, false, false, true, false, false, true, false, false));
        assertThat(evaluate(allocator, allPairs(), Call.of(Function.IS_FALSE, ColumnType.BOOLEAN, A)))
                .isEqualTo(Arrays.asList(false, true, false, false, true, false, false, true, false));
    }

    @Test
    void andWithThreeArguments() {
        Literal unknown = Literal.nullOf(ColumnType.BOOLEAN);
        List<Object> result = evaluate(allocator, allPairs(), Call.of(Function.AND, ColumnType.BOOLEAN, A, B, unknown));
        assertThat(result).isEqualTo(Arrays.asList(null, false, null, false, false, false, null, false, null));
    }

    @Test
    void andDoesNotEvaluateItsRightSideWhereTheLeftIsFalse() {
        ColumnReference x = new ColumnReference(0, ColumnType.INTEGER, true);
        Expression nonZero = Call.of(Function.NOT_EQUAL, ColumnType.BOOLEAN, x, new Literal(0, ColumnType.INTEGER));
        Expression quotientAboveOne = Call.of(Function.GREATER_THAN, ColumnType.BOOLEAN,
                Call.of(Function.DIVIDE, ColumnType.INTEGER, new Literal(10, ColumnType.INTEGER), x),
                new Literal(1, ColumnType.INTEGER));
        List<Object> result = evaluate(allocator, QueryTesting.column(ColumnType.INTEGER, 0, 5, 20, null),
                Call.of(Function.AND, ColumnType.BOOLEAN, nonZero, quotientAboveOne));
        assertThat(result).isEqualTo(Arrays.asList(false, true, false, null));
    }
}
