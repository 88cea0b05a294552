package io.depot.engine.expression;

import static io.depot.engine.testing.QueryTesting.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.type.ColumnType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestDateTimeKernel extends AllocatorTest {
    private static final ColumnReference DATE = new ColumnReference(0, ColumnType.DATE, true);

    /** Month arithmetic and truncation against java.time over four centuries of random dates. */
    @Test
    void matchesJavaTime() {
        Random random = new Random(3);
        List<Object> dates = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            dates.add(LocalDate.ofEpochDay(random.nextInt(146_097 * 2) - 146_097));
        }
        ValuesNode input = QueryTesting.column(ColumnType.DATE, dates.toArray());
        for (long months : new long[] {1, -1, 13, -25, 1200}) {
            List<Object> expected = dates.stream().map(d -> (Object) ((LocalDate) d).plusMonths(months)).toList();
            assertThat(evaluate(allocator, input, Call.of(Function.DATE_ADD_MONTHS, ColumnType.DATE, DATE,
                    new Literal(months, ColumnType.BIGINT)))).as("%d months", months).isEqualTo(expected);
        }
        assertThat(evaluate(allocator, input, Call.of(Function.DATE_TRUNC, ColumnType.DATE,
                new Literal("quarter", ColumnType.VARCHAR), DATE)))
                .isEqualTo(dates.stream().map(d -> {
                    LocalDate date = (LocalDate) d;
                    return (Object) LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1);
                }).toList());
        assertThat(evaluate(allocator, input, Call.of(Function.DATE_TRUNC, ColumnType.DATE,
                new Literal("week", ColumnType.VARCHAR), DATE)))
                .isEqualTo(dates.stream().map(d -> (Object) ((LocalDate) d)
                        .minusDays(((LocalDate) d).getDayOfWeek().getValue() - 1)).toList());
    }

    @Test
    void truncatesTimestampsBeforeTheEpoch() {
        ColumnReference timestamp = new ColumnReference(0, ColumnType.TIMESTAMP, true);
        ValuesNode input = QueryTesting.column(ColumnType.TIMESTAMP, LocalDateTime.of(1969, 12, 31, 23, 59, 58, 500_000_000), null);
        assertThat(evaluate(allocator, input, Call.of(Function.DATE_TRUNC, ColumnType.TIMESTAMP,
                new Literal("minute", ColumnType.VARCHAR), timestamp)))
                .containsExactly(LocalDateTime.of(1969, 12, 31, 23, 59), null);
        assertThat(evaluate(allocator, input, Call.of(Function.TIMESTAMP_ADD_MICROS, ColumnType.TIMESTAMP, timestamp,
                new Literal(1_500_000L, ColumnType.BIGINT))))
                .containsExactly(LocalDateTime.of(1970, 1, 1, 0, 0), null);
    }
}
