package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.type.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSubstringKernel extends AllocatorTest {
    private static final ColumnReference TEXT = new ColumnReference(0, ColumnType.VARCHAR, true);

    private static Expression substring(int start, Integer length) {
        Literal from = new Literal(start, ColumnType.INTEGER);
        return length == null
                ? Call.of(Function.SUBSTRING, ColumnType.VARCHAR, TEXT, from)
                : Call.of(Function.SUBSTRING, ColumnType.VARCHAR, TEXT, from, new Literal(length, ColumnType.INTEGER));
    }

    @Test
    void countsCharactersNotBytes() {
        ValuesNode input = QueryTesting.column(ColumnType.VARCHAR, "서울특별시", "abcdef", "", null, "a😀b");
        assertThat(evaluate(allocator, input, substring(2, 2))).isEqualTo(Arrays.asList("울특", "bc", "", null, "😀b"));
        assertThat(evaluate(allocator, input, substring(3, null))).isEqualTo(Arrays.asList("특별시", "cdef", "", null, "b"));
    }

    @Test
    void startsBeforeOneShortenTheSubstringAsInSql() {
        ValuesNode input = QueryTesting.column(ColumnType.VARCHAR, "abcdef");
        assertThat(evaluate(allocator, input, substring(0, 2))).isEqualTo(List.of("a"));
        assertThat(evaluate(allocator, input, substring(-3, 2))).isEqualTo(List.of(""));
        assertThat(evaluate(allocator, input, substring(5, 10))).isEqualTo(List.of("ef"));
        assertThat(evaluate(allocator, input, substring(9, 1))).isEqualTo(List.of(""));
    }

    @Test
    void negativeLengthIsAUserError() {
        ValuesNode input = QueryTesting.column(ColumnType.VARCHAR, "abc");
        assertThatThrownBy(() -> evaluate(allocator, input, substring(1, -1)))
                .hasMessage("SUBSTRING length must not be negative: -1");
    }
}
