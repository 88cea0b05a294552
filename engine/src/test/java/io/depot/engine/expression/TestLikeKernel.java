package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestLikeKernel extends AllocatorTest {
    private static final ColumnReference S = new ColumnReference(0, ColumnType.VARCHAR, true);

    private List<Object> like(ValuesNode input, String pattern) {
        return evaluate(allocator, input, Call.of(Function.LIKE, ColumnType.BOOLEAN, S, new Literal(pattern, ColumnType.VARCHAR)));
    }

    @Test
    void percentAndUnderscore() {
        ValuesNode input = QueryTesting.column(ColumnType.VARCHAR, "apple", "ample", "apply", "", null, "a");
        assertThat(like(input, "a%")).isEqualTo(Arrays.asList(true, true, true, false, null, true));
        assertThat(like(input, "a_ple")).isEqualTo(Arrays.asList(true, true, false, false, null, false));
        assertThat(like(input, "%pl%")).isEqualTo(Arrays.asList(true, true, true, false, null, false));
        assertThat(like(input, "%")).isEqualTo(Arrays.asList(true, true, true, true, null, true));
        assertThat(like(input, "_")).isEqualTo(Arrays.asList(false, false, false, false, null, true));
        assertThat(like(input, "apple")).isEqualTo(Arrays.asList(true, false, false, false, null, false));
        assertThat(like(input, "%e")).isEqualTo(Arrays.asList(true, true, false, false, null, false));
    }

    @Test
    void underscoreMatchesOneCodePointNotOneByte() {
        ValuesNode input = QueryTesting.column(ColumnType.VARCHAR, "서울", "서울시", "부산");
        assertThat(like(input, "서_")).isEqualTo(Arrays.asList(true, false, false));
        assertThat(like(input, "%_울%")).isEqualTo(Arrays.asList(true, true, false));
        assertThat(like(input, "__")).isEqualTo(Arrays.asList(true, false, true));
    }

    @Test
    void backtracksAcrossPercent() {
        ValuesNode input = QueryTesting.column(ColumnType.VARCHAR, "abcabcabd", "abcabc");
        assertThat(like(input, "%abd")).isEqualTo(Arrays.asList(true, false));
        assertThat(like(input, "a%c%d")).isEqualTo(Arrays.asList(true, false));
    }

    @Test
    void escapeMakesWildcardsLiteral() {
        ValuesNode input = QueryTesting.column(ColumnType.VARCHAR, "100%", "100x", "a_b", "axb");
        Literal escape = new Literal("\\", ColumnType.VARCHAR);
        assertThat(evaluate(allocator, input, Call.of(Function.LIKE, ColumnType.BOOLEAN, S,
                new Literal("100\\%", ColumnType.VARCHAR), escape))).isEqualTo(Arrays.asList(true, false, false, false));
        assertThat(evaluate(allocator, input, Call.of(Function.LIKE, ColumnType.BOOLEAN, S,
                new Literal("a\\_b", ColumnType.VARCHAR), escape))).isEqualTo(Arrays.asList(false, false, true, false));
        // Without ESCAPE a backslash is an ordinary character.
        assertThat(like(input, "a\\_b")).isEqualTo(Arrays.asList(false, false, false, false));
    }

    @Test
    void patternFromAColumn() {
        ValuesNode input = QueryTesting.values(
                List.of(Column.nullable("s", ColumnType.VARCHAR),
                        Column.nullable("p", ColumnType.VARCHAR)),
                List.of(Arrays.asList("abc", "a%"), Arrays.asList("abc", "b%"), Arrays.asList("abc", null)));
        assertThat(evaluate(allocator, input, Call.of(Function.LIKE, ColumnType.BOOLEAN, S,
                new ColumnReference(1, ColumnType.VARCHAR, true)))).isEqualTo(Arrays.asList(true, false, null));
    }

    @Test
    void escapeMustBeOneCharacter() {
        ValuesNode input = QueryTesting.column(ColumnType.VARCHAR, "a");
        assertThatThrownBy(() -> evaluate(allocator, input, Call.of(Function.LIKE, ColumnType.BOOLEAN, S,
                new Literal("a", ColumnType.VARCHAR), new Literal("ab", ColumnType.VARCHAR))))
                .hasMessage("LIKE escape[ab] must be a single character");
    }
}
