package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestCaseKernel extends AllocatorTest {
    private static final ColumnReference X = new ColumnReference(0, ColumnType.INTEGER, true);

    private static Literal integer(int value) {
        return new Literal(value, ColumnType.INTEGER);
    }

    private static Literal text(String value) {
        return new Literal(value, ColumnType.VARCHAR);
    }

    @Test
    void firstTrueConditionWinsElseTheElse() {
        ValuesNode input = QueryTesting.column(ColumnType.INTEGER, 1, 5, 10, null);
        Expression kase = new Call(Function.CASE, List.of(
                Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, X, integer(3)), text("small"),
                Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, X, integer(8)), text("medium"),
                text("large")), ColumnType.VARCHAR, false);
        assertThat(evaluate(allocator, input, kase)).isEqualTo(Arrays.asList("small", "medium", "large", "large"));
    }

    @Test
    void withoutElseUnmatchedRowsAreNull() {
        ValuesNode input = QueryTesting.column(ColumnType.INTEGER, 1, 5);
        Expression kase = new Call(Function.CASE, List.of(
                Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, X, integer(3)), X), ColumnType.INTEGER, true);
        assertThat(evaluate(allocator, input, kase)).isEqualTo(Arrays.asList(1, null));
    }

    @Test
    void branchesOnlyRunOnTheirRows() {
        ValuesNode input = QueryTesting.column(ColumnType.INTEGER, 0, 4);
        Expression kase = new Call(Function.CASE, List.of(
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, X, integer(0)), integer(-1),
                Call.of(Function.DIVIDE, ColumnType.INTEGER, integer(100), X)), ColumnType.INTEGER, false);
        assertThat(evaluate(allocator, input, kase)).isEqualTo(List.of(-1, 25));
    }

    @Test
    void valuesReadColumnsTheConditionsDoNot() {
        ValuesNode input = QueryTesting.values(
                List.of(Column.nullable("x", ColumnType.INTEGER),
                        Column.nullable("label", ColumnType.VARCHAR)),
                List.of(Arrays.asList(5, "five"), Arrays.asList(1, "one"), Arrays.asList(7, "seven"),
                        Arrays.asList(2, "two"), Arrays.asList(9, "nine")));
        ColumnReference label = new ColumnReference(1, ColumnType.VARCHAR, true);
        Expression kase = new Call(Function.CASE, List.of(
                Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, X, integer(3)), text("small"),
                Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, X, integer(8)), label,
                label), ColumnType.VARCHAR, true);
        assertThat(evaluate(allocator, input, kase)).isEqualTo(List.of("five", "small", "seven", "small", "nine"));
    }

    @Test
    void coalesceTakesTheFirstNonNull() {
        ValuesNode input = QueryTesting.values(
                List.of(Column.nullable("a", ColumnType.VARCHAR),
                        Column.nullable("b", ColumnType.VARCHAR)),
                List.of(Arrays.asList("a1", "b1"), Arrays.asList(null, "b2"), Arrays.asList(null, null)));
        Expression coalesce = new Call(Function.COALESCE, List.of(
                new ColumnReference(0, ColumnType.VARCHAR, true), new ColumnReference(1, ColumnType.VARCHAR, true)),
                ColumnType.VARCHAR, true);
        assertThat(evaluate(allocator, input, coalesce)).isEqualTo(Arrays.asList("a1", "b2", null));
        Expression withDefault = new Call(Function.COALESCE, List.of(
                new ColumnReference(0, ColumnType.VARCHAR, true), new ColumnReference(1, ColumnType.VARCHAR, true),
                text("none")), ColumnType.VARCHAR, false);
        assertThat(evaluate(allocator, input, withDefault)).isEqualTo(Arrays.asList("a1", "b2", "none"));
    }
}
