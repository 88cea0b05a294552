package io.depot.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constant calls compile to one literal; comparisons with a constant take the one-pass path. */
class TestConstantFolding {
    private static final ColumnType DECIMAL_15_2 = ColumnType.decimal(15, 2);

    @Test
    void constantArithmeticAndCastsFoldToALiteral() {
        Expression sum = Call.of(Function.SUBTRACT, ColumnType.decimal(4, 2),
                new Literal(new BigDecimal("0.06"), ColumnType.decimal(3, 2)),
                new Literal(new BigDecimal("0.01"), ColumnType.decimal(3, 2)));
        Kernel kernel = ExpressionCompiler.compile(Call.of(Function.CAST, DECIMAL_15_2, sum));
        assertThat(kernel).isInstanceOf(LiteralKernel.class);
        assertThat(((LongData) kernel.evaluate(rows(3))).values()).containsExactly(5, 5, 5);
    }

    @Test
    void aFailingConstantIsLeftForTheRowsThatReachIt() {
        Expression division = Call.of(Function.DIVIDE, ColumnType.BIGINT,
                new Literal(1L, ColumnType.BIGINT), new Literal(0L, ColumnType.BIGINT));
        Kernel kernel = ExpressionCompiler.compile(division);
        assertThat(kernel).isNotInstanceOf(LiteralKernel.class);
        assertThatThrownBy(() -> kernel.evaluate(rows(1))).hasMessageContaining("zero");
    }

    @Test
    void nullConstantsFoldToNull() {
        Expression plus = Call.of(Function.ADD, ColumnType.BIGINT,
                new Literal(null, ColumnType.BIGINT), new Literal(1L, ColumnType.BIGINT));
        Kernel kernel = ExpressionCompiler.compile(plus);
        assertThat(kernel).isInstanceOf(LiteralKernel.class);
        ColumnData values = kernel.evaluate(rows(2));
        assertThat(values.isNull(0)).isTrue();
        assertThat(values.isNull(1)).isTrue();
    }

    @Test
    void comparisonsWithAConstantOnEitherSideAgreeWithTheGeneralPath() {
        long[] column = {-5, 0, 3, 7, Long.MIN_VALUE, Long.MAX_VALUE, 3};
        boolean[] nulls = {false, false, true, false, false, false, false};
        for (Function function : List.of(Function.EQUAL, Function.NOT_EQUAL, Function.LESS_THAN,
                Function.LESS_THAN_OR_EQUAL, Function.GREATER_THAN, Function.GREATER_THAN_OR_EQUAL)) {
            Expression columnFirst = Call.of(function, ColumnType.BOOLEAN,
                    new ColumnReference(0, ColumnType.BIGINT, true), new Literal(3L, ColumnType.BIGINT));
            Expression constantFirst = Call.of(function, ColumnType.BOOLEAN,
                    new Literal(3L, ColumnType.BIGINT), new ColumnReference(0, ColumnType.BIGINT, true));
            BooleanData a = (BooleanData) ExpressionCompiler.compile(columnFirst).evaluate(column(column, nulls));
            BooleanData b = (BooleanData) ExpressionCompiler.compile(constantFirst).evaluate(column(column, nulls));
            for (int i = 0; i < column.length; i++) {
                assertThat(a.isNull(i)).isEqualTo(nulls[i]);
                assertThat(b.isNull(i)).isEqualTo(nulls[i]);
                if (!nulls[i]) {
                    int sign = Long.compare(column[i], 3);
                    boolean expected = switch (function) {
                        case EQUAL -> sign == 0;
                        case NOT_EQUAL -> sign != 0;
                        case LESS_THAN -> sign < 0;
                        case LESS_THAN_OR_EQUAL -> sign <= 0;
                        case GREATER_THAN -> sign > 0;
                        default -> sign >= 0;
                    };
                    boolean mirrored = switch (function) {
                        case EQUAL -> sign == 0;
                        case NOT_EQUAL -> sign != 0;
                        case LESS_THAN -> sign > 0;
                        case LESS_THAN_OR_EQUAL -> sign >= 0;
                        case GREATER_THAN -> sign < 0;
                        default -> sign <= 0;
                    };
                    assertThat(a.values()[i]).as("%s %s 3", column[i], function).isEqualTo(expected);
                    assertThat(b.values()[i]).as("3 %s %s", function, column[i]).isEqualTo(mirrored);
                }
            }
        }
    }

    private static EvaluationContext rows(int size) {
        return EvaluationContext.ofLoader(size, 0, column -> {
            throw new AssertionError("no columns");
        });
    }

    private static EvaluationContext column(long[] values, boolean[] nulls) {
        return EvaluationContext.ofLoader(values.length, 1, column -> new LongData(values, nulls, values.length));
    }
}
