package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestCastKernel extends AllocatorTest {
    private List<Object> cast(ColumnType from, ColumnType to, Object... values) {
        Expression cast = new Call(Function.CAST, List.of(new ColumnReference(0, from, true)), to, true);
        return evaluate(allocator, QueryTesting.column(from, values), cast);
    }

    @Test
    void numbersToText() {
        assertThat(cast(ColumnType.INTEGER, ColumnType.VARCHAR, 42, -7, null)).isEqualTo(Arrays.asList("42", "-7", null));
        assertThat(cast(ColumnType.decimal(10, 2), ColumnType.VARCHAR, new BigDecimal("1.50"), new BigDecimal("-0.05")))
                .isEqualTo(List.of("1.50", "-0.05"));
        assertThat(cast(ColumnType.DOUBLE, ColumnType.VARCHAR, 1.5)).isEqualTo(List.of("1.5"));
        assertThat(cast(ColumnType.BOOLEAN, ColumnType.VARCHAR, true, false)).isEqualTo(List.of("true", "false"));
    }

    @Test
    void temporalToText() {
        assertThat(cast(ColumnType.DATE, ColumnType.VARCHAR, LocalDate.of(2024, 2, 29))).isEqualTo(List.of("2024-02-29"));
        assertThat(cast(ColumnType.TIMESTAMP, ColumnType.VARCHAR,
                LocalDateTime.of(2024, 2, 29, 13, 5, 9),
                LocalDateTime.of(2024, 2, 29, 13, 5, 9, 120_000_000),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)))
                .isEqualTo(List.of("2024-02-29 13:05:09", "2024-02-29 13:05:09.12", "1969-12-31 23:59:59.999999"));
    }

    @Test
    void textToEveryKind() {
        assertThat(cast(ColumnType.VARCHAR, ColumnType.INTEGER, " 12 ", null)).isEqualTo(Arrays.asList(12, null));
        assertThat(cast(ColumnType.VARCHAR, ColumnType.BIGINT, "-9000000000")).isEqualTo(List.of(-9_000_000_000L));
        assertThat(cast(ColumnType.VARCHAR, ColumnType.decimal(5, 2), "1.005", "-2")).isEqualTo(
                List.of(new BigDecimal("1.01"), new BigDecimal("-2.00")));
        assertThat(cast(ColumnType.VARCHAR, ColumnType.DOUBLE, "2.5e3")).isEqualTo(List.of(2500.0));
        assertThat(cast(ColumnType.VARCHAR, ColumnType.BOOLEAN, "TRUE", "f")).isEqualTo(List.of(true, false));
        assertThat(cast(ColumnType.VARCHAR, ColumnType.DATE, "2024-01-31")).isEqualTo(List.of(LocalDate.of(2024, 1, 31)));
        assertThat(cast(ColumnType.VARCHAR, ColumnType.TIMESTAMP, "2024-01-31 10:11:12.5", "2024-01-31")).isEqualTo(List.of(
                LocalDateTime.of(2024, 1, 31, 10, 11, 12, 500_000_000), LocalDateTime.of(2024, 1, 31, 0, 0)));
    }

    @Test
    void badTextIsAUserErrorNamingTheValue() {
        assertThatThrownBy(() -> cast(ColumnType.VARCHAR, ColumnType.INTEGER, "12x"))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                .hasMessage("Cannot cast '12x' to INTEGER");
        assertThatThrownBy(() -> cast(ColumnType.VARCHAR, ColumnType.DATE, "2024-13-01"))
                .hasMessage("Cannot cast '2024-13-01' to DATE");
        assertThatThrownBy(() -> cast(ColumnType.VARCHAR, ColumnType.DOUBLE, "0x10"))
                .hasMessage("Cannot cast '0x10' to DOUBLE");
    }

    @Test
    void numericConversionsRound() {
        assertThat(cast(ColumnType.DOUBLE, ColumnType.INTEGER, 2.4, 2.6, -2.6, 2.5)).isEqualTo(List.of(2, 3, -3, 2));
        assertThat(cast(ColumnType.decimal(10, 2), ColumnType.INTEGER, new BigDecimal("2.50"), new BigDecimal("-2.50")))
                .isEqualTo(List.of(3, -3));
        assertThat(cast(ColumnType.decimal(10, 3), ColumnType.decimal(10, 1), new BigDecimal("1.250"), new BigDecimal("-1.250")))
                .isEqualTo(List.of(new BigDecimal("1.3"), new BigDecimal("-1.3")));
        assertThat(cast(ColumnType.DOUBLE, ColumnType.decimal(10, 2), 0.125)).isEqualTo(List.of(new BigDecimal("0.13")));
        assertThat(cast(ColumnType.INTEGER, ColumnType.decimal(10, 2), 7)).isEqualTo(List.of(new BigDecimal("7.00")));
        assertThat(cast(ColumnType.decimal(10, 2), ColumnType.DOUBLE, new BigDecimal("7.25"))).isEqualTo(List.of(7.25));
        assertThat(cast(ColumnType.INTEGER, ColumnType.BIGINT, 7)).isEqualTo(List.of(7L));
        assertThat(cast(ColumnType.BIGINT, ColumnType.DOUBLE, 7L)).isEqualTo(List.of(7.0));
    }

    @Test
    void outOfRangeIsNumericOverflow() {
        assertThatThrownBy(() -> cast(ColumnType.BIGINT, ColumnType.INTEGER, 3_000_000_000L))
                .hasMessage("numeric overflow: value[3000000000] does not fit INTEGER");
        assertThatThrownBy(() -> cast(ColumnType.INTEGER, ColumnType.decimal(3, 1), 100))
                .hasMessage("numeric overflow: value[100] does not fit DECIMAL(3,1)");
        assertThatThrownBy(() -> cast(ColumnType.DOUBLE, ColumnType.BIGINT, Double.NaN))
                .hasMessage("numeric overflow: value[NaN] does not fit BIGINT");
    }

    @Test
    void booleansAndTemporals() {
        assertThat(cast(ColumnType.BOOLEAN, ColumnType.INTEGER, true, false)).isEqualTo(List.of(1, 0));
        assertThat(cast(ColumnType.INTEGER, ColumnType.BOOLEAN, 5, 0)).isEqualTo(List.of(true, false));
        assertThat(cast(ColumnType.DATE, ColumnType.TIMESTAMP, LocalDate.of(2024, 3, 1)))
                .isEqualTo(List.of(LocalDateTime.of(2024, 3, 1, 0, 0)));
        assertThat(cast(ColumnType.TIMESTAMP, ColumnType.DATE, LocalDateTime.of(1969, 12, 31, 23, 0)))
                .isEqualTo(List.of(LocalDate.of(1969, 12, 31)));
        assertThatThrownBy(() -> cast(ColumnType.DATE, ColumnType.INTEGER, LocalDate.of(2024, 3, 1)))
                .hasMessage("Cannot cast DATE to INTEGER");
    }
}
