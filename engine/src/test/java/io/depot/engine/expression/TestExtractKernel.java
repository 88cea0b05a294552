package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.type.ColumnType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestExtractKernel extends AllocatorTest {
    private static Expression extract(String unit, ColumnType type) {
        return Call.of(Function.EXTRACT, ColumnType.BIGINT,
                new Literal(unit, ColumnType.VARCHAR), new ColumnReference(0, type, true));
    }

    @Test
    void dateFieldsMatchJavaTimeAcrossCenturiesAndLeapDays() {
        Random random = new Random(11);
        List<Object> dates = new ArrayList<>();
        dates.addAll(List.of(LocalDate.of(1970, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(2000, 2, 29),
                LocalDate.of(1900, 3, 1), LocalDate.of(2024, 12, 31), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)));
        for (int i = 0; i < 2_000; i++) {
            dates.add(LocalDate.ofEpochDay(random.nextInt(2_000_000) - 1_000_000));
        }
        ValuesNode input = QueryTesting.column(ColumnType.DATE, dates.toArray());
        List<Object> years = new ArrayList<>();
        List<Object> quarters = new ArrayList<>();
        List<Object> months = new ArrayList<>();
        List<Object> days = new ArrayList<>();
        for (Object date : dates) {
            LocalDate value = (LocalDate) date;
            years.add((long) value.getYear());
            quarters.add((long) (value.getMonthValue() + 2) / 3);
            months.add((long) value.getMonthValue());
            days.add((long) value.getDayOfMonth());
        }
        assertThat(evaluate(allocator, input, extract("YEAR", ColumnType.DATE))).isEqualTo(years);
        assertThat(evaluate(allocator, input, extract("quarter", ColumnType.DATE))).isEqualTo(quarters);
        assertThat(evaluate(allocator, input, extract("MONTH", ColumnType.DATE))).isEqualTo(months);
        assertThat(evaluate(allocator, input, extract("DAY", ColumnType.DATE))).isEqualTo(days);
    }

    @Test
    void timestampFieldsIncludingBeforeTheEpoch() {
        LocalDateTime before = LocalDateTime.of(1969, 12, 31, 23, 59, 58).plus(750, ChronoUnit.MILLIS);
        LocalDateTime after = LocalDateTime.of(2024, 2, 29, 13, 45, 7);
        ValuesNode input = QueryTesting.column(ColumnType.TIMESTAMP, before, after, null);
        assertThat(evaluate(allocator, input, extract("YEAR", ColumnType.TIMESTAMP))).isEqualTo(Arrays.asList(1969L, 2024L, null));
        assertThat(evaluate(allocator, input, extract("DAY", ColumnType.TIMESTAMP))).isEqualTo(Arrays.asList(31L, 29L, null));
        assertThat(evaluate(allocator, input, extract("HOUR", ColumnType.TIMESTAMP))).isEqualTo(Arrays.asList(23L, 13L, null));
        assertThat(evaluate(allocator, input, extract("MINUTE", ColumnType.TIMESTAMP))).isEqualTo(Arrays.asList(59L, 45L, null));
        assertThat(evaluate(allocator, input, extract("SECOND", ColumnType.TIMESTAMP))).isEqualTo(Arrays.asList(58L, 7L, null));
    }

    @Test
    void timeUnitsOfADateAndUnknownUnitsAreUserErrors() {
        ValuesNode input = QueryTesting.column(ColumnType.DATE, LocalDate.of(2024, 1, 1));
        assertThatThrownBy(() -> evaluate(allocator, input, extract("HOUR", ColumnType.DATE)))
                .hasMessage("Cannot extract HOUR from a DATE");
        assertThatThrownBy(() -> evaluate(allocator, input, extract("DECADE", ColumnType.DATE)))
                .hasMessage("EXTRACT unit[DECADE] is not supported yet");
    }
}
