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
import java.util.Random;
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

    /**
     * AND and OR of three to five columns against three-valued logic row by row; some columns have
     * no NULLs at all, so both the NULL and the NULL-free narrowing run, in every order (a NULL
     * from an earlier argument that a later NULL-free argument decides must stop being NULL).
     */
    @Test
    void randomConjunctionsAndDisjunctionsFollowThreeValuedLogic() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int arguments = 3 + random.nextInt(3);
            int rows = 1 + random.nextInt(300);
            boolean isAnd = random.nextBoolean();
            List<Column> columns = new ArrayList<>();
            List<Expression> references = new ArrayList<>();
            double[] nullShare = new double[arguments];
            for (int c = 0; c < arguments; c++) {
                columns.add(Column.nullable("c" + c, ColumnType.BOOLEAN));
                references.add(new ColumnReference(c, ColumnType.BOOLEAN, true));
                nullShare[c] = random.nextBoolean() ? 0 : random.nextDouble();
            }
            List<List<Object>> table = new ArrayList<>();
            List<Object> expected = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < arguments; c++) {
                    row.add(random.nextDouble() < nullShare[c] ? null : random.nextBoolean());
                }
                table.add(row);
                expected.add(threeValued(isAnd, row));
            }
            List<Object> result = evaluate(allocator, values(columns, table),
                    Call.of(isAnd ? Function.AND : Function.OR, ColumnType.BOOLEAN, references.toArray(new Expression[0])));
            assertThat(result).as("round %d", round).isEqualTo(expected);
        }
    }

    private static Boolean threeValued(boolean isAnd, List<Object> arguments) {
        boolean sawNull = false;
        for (Object argument : arguments) {
            if (argument == null) {
                sawNull = true;
            } else if ((Boolean) argument != isAnd) {
                return !isAnd;
            }
        }
        return sawNull ? null : isAnd;
    }
}
