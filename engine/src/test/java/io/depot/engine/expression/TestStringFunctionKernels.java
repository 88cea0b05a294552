package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.type.ColumnType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TestStringFunctionKernels extends AllocatorTest {
    private static final ColumnReference TEXT = new ColumnReference(0, ColumnType.VARCHAR, true);
    private static final ValuesNode INPUT = QueryTesting.column(ColumnType.VARCHAR, "  Straße Ab ", "서울 Seoul", "", null, "xxaxx");

    private static Literal text(String value) {
        return new Literal(value, ColumnType.VARCHAR);
    }

    @Test
    void caseMappingAndLengthInCharacters() {
        assertThat(evaluate(allocator, INPUT, Call.of(Function.UPPER, ColumnType.VARCHAR, TEXT)))
                .isEqualTo(Arrays.asList("  STRASSE AB ", "서울 SEOUL", "", null, "XXAXX"));
        assertThat(evaluate(allocator, INPUT, Call.of(Function.LOWER, ColumnType.VARCHAR, TEXT)))
                .isEqualTo(Arrays.asList("  straße ab ", "서울 seoul", "", null, "xxaxx"));
        assertThat(evaluate(allocator, INPUT, Call.of(Function.CHAR_LENGTH, ColumnType.BIGINT, TEXT)))
                .isEqualTo(Arrays.asList(12L, 8L, 0L, null, 5L));
    }

    @Test
    void trimRemovesTheGivenCharactersFromTheChosenEnds() {
        assertThat(evaluate(allocator, INPUT, Call.of(Function.TRIM, ColumnType.VARCHAR, text("BOTH"), text(" "), TEXT)))
                .isEqualTo(Arrays.asList("Straße Ab", "서울 Seoul", "", null, "xxaxx"));
        assertThat(evaluate(allocator, INPUT, Call.of(Function.TRIM, ColumnType.VARCHAR, text("LEADING"), text("x "), TEXT)))
                .isEqualTo(Arrays.asList("Straße Ab ", "서울 Seoul", "", null, "axx"));
        assertThat(evaluate(allocator, INPUT, Call.of(Function.TRIM, ColumnType.VARCHAR, text("TRAILING"), text("x"), TEXT)))
                .isEqualTo(Arrays.asList("  Straße Ab ", "서울 Seoul", "", null, "xxa"));
    }

    @Test
    void concatPositionAndReplace() {
        assertThat(evaluate(allocator, INPUT, Call.of(Function.CONCAT, ColumnType.VARCHAR, text("<"), TEXT, text(">"))))
                .isEqualTo(Arrays.asList("<  Straße Ab >", "<서울 Seoul>", "<>", null, "<xxaxx>"));
        assertThat(evaluate(allocator, INPUT, Call.of(Function.POSITION, ColumnType.BIGINT, text("S"), TEXT)))
                .isEqualTo(Arrays.asList(3L, 4L, 0L, null, 0L));
        assertThat(evaluate(allocator, INPUT, Call.of(Function.POSITION, ColumnType.BIGINT, text(""), TEXT)))
                .isEqualTo(Arrays.asList(1L, 1L, 1L, null, 1L));
        assertThat(evaluate(allocator, INPUT, Call.of(Function.REPLACE, ColumnType.VARCHAR, TEXT, text("x"), text("야"))))
                .isEqualTo(Arrays.asList("  Straße Ab ", "서울 Seoul", "", null, "야야a야야"));
        assertThat(evaluate(allocator, INPUT, Call.of(Function.REPLACE, ColumnType.VARCHAR, TEXT, text(""), text("?"))))
                .isEqualTo(Arrays.asList("  Straße Ab ", "서울 Seoul", "", null, "xxaxx"));
    }
}
