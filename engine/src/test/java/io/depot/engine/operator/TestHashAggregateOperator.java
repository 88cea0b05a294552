package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.AggregateCall;
import io.depot.engine.plan.AggregateFunction;
import io.depot.engine.plan.AggregateNode;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestHashAggregateOperator extends AllocatorTest {
    private static final ColumnType MONEY = ColumnType.decimal(10, 2);
    private static final List<Column> SALES = List.of(
            Column.nullable("city", ColumnType.VARCHAR),
            Column.nullable("quantity", ColumnType.INTEGER),
            Column.nullable("price", MONEY),
            Column.nullable("weight", ColumnType.DOUBLE));

    private static ValuesNode sales() {
        return values(SALES, List.of(
                row("서울", 2, new BigDecimal("1.50"), 1.0),
                row("부산", 1, new BigDecimal("2.25"), null),
                row("서울", null, new BigDecimal("0.01"), 3.0),
                row(null, 4, null, 2.0),
                row("부산", 3, new BigDecimal("2.25"), 4.0),
                row(null, 5, new BigDecimal("1.00"), null)));
    }

    private static AggregateCall call(AggregateFunction function, int argument, ColumnType type) {
        return new AggregateCall(function, OptionalInt.of(argument), false, type, function.name().toLowerCase() + argument);
    }

    private static AggregateCall countStar() {
        return new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "count");
    }

    @Test
    void groupsByVarcharWithNullKeysTogether() {
        AggregateNode aggregate = new AggregateNode(sales(), List.of(0), List.of(
                countStar(),
                call(AggregateFunction.COUNT, 1, ColumnType.BIGINT),
                call(AggregateFunction.SUM, 1, ColumnType.BIGINT),
                call(AggregateFunction.MIN, 2, MONEY),
                call(AggregateFunction.MAX, 3, ColumnType.DOUBLE),
                call(AggregateFunction.AVG, 1, ColumnType.DOUBLE)));
        assertThat(run(allocator, aggregate)).containsExactly(
                row("서울", 2L, 1L, 2L, new BigDecimal("0.01"), 3.0, 2.0),
                row("부산", 2L, 2L, 4L, new BigDecimal("2.25"), 4.0, 2.0),
                row(null, 2L, 2L, 9L, new BigDecimal("1.00"), 2.0, 4.5));
    }

    /**
     * SUM and AVG of one column share one sum state (plus a DISTINCT one that must not); each
     * still gives its own type, scale and rounding, and NULL arguments count for none of them.
     */
    @Test
    void sumsAndAveragesOfOneColumnShareTheirSumButNotTheirResults() {
        AggregateNode aggregate = new AggregateNode(sales(), List.of(0), List.of(
                call(AggregateFunction.SUM, 2, ColumnType.decimal(18, 2)),
                call(AggregateFunction.AVG, 2, ColumnType.decimal(18, 3)),
                new AggregateCall(AggregateFunction.SUM, OptionalInt.of(2), true, ColumnType.decimal(18, 2), "distinct"),
                call(AggregateFunction.AVG, 2, ColumnType.DOUBLE),
                call(AggregateFunction.SUM, 1, ColumnType.BIGINT),
                call(AggregateFunction.SUM, 2, ColumnType.decimal(18, 4)),
                call(AggregateFunction.AVG, 1, ColumnType.decimal(18, 1))));
        assertThat(run(allocator, aggregate)).containsExactly(
                row("서울", new BigDecimal("1.51"), new BigDecimal("0.755"), new BigDecimal("1.51"), 0.755, 2L,
                        new BigDecimal("1.5100"), new BigDecimal("2.0")),
                row("부산", new BigDecimal("4.50"), new BigDecimal("2.250"), new BigDecimal("2.25"), 2.25, 4L,
                        new BigDecimal("4.5000"), new BigDecimal("2.0")),
                row(null, new BigDecimal("1.00"), new BigDecimal("1.000"), new BigDecimal("1.00"), 1.0, 9L,
                        new BigDecimal("1.0000"), new BigDecimal("4.5")));
    }

    @Test
    void decimalSumAndAverageRoundHalfUp() {
        ColumnType averageType = ColumnType.decimal(18, 3);
        AggregateNode aggregate = new AggregateNode(sales(), List.of(), List.of(
                call(AggregateFunction.SUM, 2, ColumnType.decimal(18, 2)),
                call(AggregateFunction.AVG, 2, averageType),
                call(AggregateFunction.MIN, 0, ColumnType.VARCHAR),
                call(AggregateFunction.MAX, 0, ColumnType.VARCHAR)));
        // (1.50 + 2.25 + 0.01 + 2.25 + 1.00) / 5 = 1.402
        assertThat(run(allocator, aggregate)).containsExactly(
                row(new BigDecimal("7.01"), new BigDecimal("1.402"), "부산", "서울"));
    }

    @Test
    void globalAggregateOverEmptyInputIsOneRow() {
        PlanNode empty = new FilterNode(sales(), new Literal(false, ColumnType.BOOLEAN));
        AggregateNode aggregate = new AggregateNode(empty, List.of(), List.of(
                countStar(),
                call(AggregateFunction.COUNT, 1, ColumnType.BIGINT),
                call(AggregateFunction.SUM, 1, ColumnType.BIGINT),
                call(AggregateFunction.MAX, 0, ColumnType.VARCHAR),
                call(AggregateFunction.AVG, 3, ColumnType.DOUBLE)));
        assertThat(run(allocator, aggregate)).containsExactly(row(0L, 0L, null, null, null));
    }

    @Test
    void groupedAggregateOverEmptyInputIsNoRows() {
        PlanNode empty = new FilterNode(sales(), new Literal(false, ColumnType.BOOLEAN));
        assertThat(run(allocator, new AggregateNode(empty, List.of(0), List.of(countStar())))).isEmpty();
    }

    @Test
    void multipleKeysOfMixedTypes() {
        List<Column> columns = List.of(Column.nullable("flag", ColumnType.BOOLEAN),
                Column.nullable("score", ColumnType.DOUBLE), Column.nullable("n", ColumnType.BIGINT));
        ValuesNode input = values(columns, List.of(
                row(true, 1.0, 1L), row(true, -0.0, 2L), row(false, 1.0, 3L), row(true, 0.0, 4L),
                row(null, null, 5L), row(null, null, 6L), row(true, 1.0, 7L)));
        AggregateNode aggregate = new AggregateNode(input, List.of(0, 1), List.of(call(AggregateFunction.SUM, 2, ColumnType.BIGINT)));
        assertThat(run(allocator, aggregate)).containsExactly(
                row(true, 1.0, 8L), row(true, 0.0, 6L), row(false, 1.0, 3L), row(null, null, 11L));
    }

    @Test
    void minAndMaxOfDoublesAndBooleans() {
        List<Column> columns = List.of(Column.nullable("g", ColumnType.INTEGER), Column.nullable("d", ColumnType.DOUBLE),
                Column.nullable("b", ColumnType.BOOLEAN));
        ValuesNode input = values(columns, List.of(
                row(1, -2.5, true), row(1, -100.0, null), row(1, 3.0, true),
                row(2, Double.NaN, false), row(2, Double.NEGATIVE_INFINITY, true), row(2, null, false),
                row(3, null, null)));
        AggregateNode aggregate = new AggregateNode(input, List.of(0), List.of(
                call(AggregateFunction.MIN, 1, ColumnType.DOUBLE), call(AggregateFunction.MAX, 1, ColumnType.DOUBLE),
                call(AggregateFunction.MIN, 2, ColumnType.BOOLEAN), call(AggregateFunction.MAX, 2, ColumnType.BOOLEAN)));
        assertThat(run(allocator, aggregate)).containsExactly(
                row(1, -100.0, 3.0, true, true),
                row(2, Double.NEGATIVE_INFINITY, Double.NaN, false, true),
                row(3, null, null, null, null));
    }

    @Test
    void randomInputMatchesAReferenceComputation() {
        Random random = new Random(11);
        String[] cities = {"서울", "부산", "a", "", "b"};
        List<List<Object>> rows = new ArrayList<>();
        Map<List<Object>, long[]> expected = new LinkedHashMap<>();
        for (int i = 0; i < 80_000; i++) {
            String city = random.nextInt(10) == 0 ? null : cities[random.nextInt(cities.length)];
            Long bucket = random.nextInt(10) == 0 ? null : (long) random.nextInt(50);
            Integer value = random.nextInt(4) == 0 ? null : random.nextInt(1_000) - 500;
            rows.add(row(city, bucket, value));
            // count(*), count(value), sum(value), min(value), max(value)
            long[] state = expected.computeIfAbsent(row(city, bucket), key -> new long[] {0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
            state[0]++;
            if (value != null) {
                state[1]++;
                state[2] += value;
                state[3] = Math.min(state[3], value);
                state[4] = Math.max(state[4], value);
            }
        }
        List<Column> columns = List.of(Column.nullable("city", ColumnType.VARCHAR), Column.nullable("bucket", ColumnType.BIGINT),
                Column.nullable("value", ColumnType.INTEGER));
        AggregateNode aggregate = new AggregateNode(values(columns, rows), List.of(0, 1), List.of(countStar(),
                call(AggregateFunction.COUNT, 2, ColumnType.BIGINT), call(AggregateFunction.SUM, 2, ColumnType.BIGINT),
                call(AggregateFunction.MIN, 2, ColumnType.INTEGER), call(AggregateFunction.MAX, 2, ColumnType.INTEGER)));
        List<List<Object>> expectedRows = new ArrayList<>();
        expected.forEach((key, state) -> {
            boolean any = state[1] > 0;
            expectedRows.add(row(key.get(0), key.get(1), state[0], state[1], any ? state[2] : null,
                    any ? (int) state[3] : null, any ? (int) state[4] : null));
        });
        // Groups come out in order of first appearance, like the LinkedHashMap's.
        assertThat(run(allocator, aggregate)).isEqualTo(expectedRows);
    }

    @Test
    void manyGroupsAcrossManyBatches() {
        int rowCount = 150_000;
        List<List<Object>> rows = new ArrayList<>(rowCount);
        for (int i = 0; i < rowCount; i++) {
            rows.add(row((long) (i % 70_000), i % 3 == 0 ? null : 1));
        }
        ValuesNode input = values(List.of(Column.nullable("k", ColumnType.BIGINT), Column.nullable("v", ColumnType.INTEGER)), rows);
        AggregateNode aggregate = new AggregateNode(input, List.of(0), List.of(countStar(), call(AggregateFunction.SUM, 1, ColumnType.BIGINT)));
        List<List<Object>> result = new ArrayList<>(run(allocator, aggregate));
        assertThat(result).hasSize(70_000);
        result.sort(Comparator.comparing(r -> (Long) r.get(0)));
        for (int key : new int[] {0, 1, 9_999, 12_345, 69_999}) {
            long occurrences = (rowCount - 1 - key) / 70_000 + 1;
            assertThat(result.get(key)).isEqualTo(row((long) key, occurrences, expectedSum(key, rowCount)));
        }
    }

    private static Long expectedSum(int key, int rowCount) {
        long sum = 0;
        boolean any = false;
        for (int i = key; i < rowCount; i += 70_000) {
            if (i % 3 != 0) {
                sum++;
                any = true;
            }
        }
        return any ? sum : null;
    }

    @Test
    void sumOverflowIsAUserErrorButIntermediateOverflowIsNot() {
        ValuesNode input = values(List.of(Column.nullable("g", ColumnType.INTEGER), Column.nullable("v", ColumnType.BIGINT)),
                List.of(row(1, Long.MAX_VALUE), row(1, 1L), row(2, Long.MAX_VALUE), row(2, Long.MAX_VALUE),
                        row(2, -Long.MAX_VALUE), row(3, Long.MIN_VALUE), row(3, Long.MIN_VALUE)));
        AggregateNode sums = new AggregateNode(input, List.of(0), List.of(call(AggregateFunction.SUM, 1, ColumnType.BIGINT)));
        assertThatThrownBy(() -> run(allocator, sums))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                .hasMessage("numeric overflow");
        AggregateNode withoutFirstGroup = new AggregateNode(
                new FilterNode(input, Call.of(Function.EQUAL, ColumnType.BOOLEAN,
                        new ColumnReference(0, ColumnType.INTEGER, true), new Literal(2, ColumnType.INTEGER))),
                List.of(0), List.of(call(AggregateFunction.SUM, 1, ColumnType.BIGINT)));
        assertThat(run(allocator, withoutFirstGroup)).containsExactly(row(2, Long.MAX_VALUE));
        AggregateNode averages = new AggregateNode(input, List.of(0), List.of(call(AggregateFunction.AVG, 1, ColumnType.DOUBLE)));
        assertThat(run(allocator, averages)).containsExactly(
                row(1, Long.MAX_VALUE / 2.0 + 0.5), row(2, Long.MAX_VALUE / 3.0), row(3, (double) Long.MIN_VALUE));
    }

    @Test
    void distinctAggregatesSeeEachValueOncePerGroup() {
        List<Column> columns = List.of(Column.nullable("g", ColumnType.VARCHAR), Column.nullable("v", ColumnType.INTEGER));
        List<List<Object>> rows = new ArrayList<>();
        long nonNullInA = 0;
        for (int i = 0; i < 100_000; i++) {
            // group a: values 0..9 and NULL; group b: values 0..4
            boolean isNull = i % 11 == 10;
            rows.add(i % 2 == 0 ? row("a", isNull ? null : i % 11) : row("b", i % 5));
            nonNullInA += i % 2 == 0 && !isNull ? 1 : 0;
        }
        ValuesNode input = values(columns, rows);
        AggregateNode aggregate = new AggregateNode(input, List.of(0), List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.of(1), true, ColumnType.BIGINT, "distinct_count"),
                new AggregateCall(AggregateFunction.SUM, OptionalInt.of(1), true, ColumnType.BIGINT, "distinct_sum"),
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.of(1), false, ColumnType.BIGINT, "count")));
        assertThat(run(allocator, aggregate)).containsExactly(
                row("a", 10L, 45L, nonNullInA),
                row("b", 5L, 10L, 50_000L));
    }

    @Test
    void distinctWithoutGroupKeys() {
        ValuesNode input = values(List.of(Column.nullable("v", ColumnType.VARCHAR)),
                List.of(row("x"), row("y"), row("x"), row((Object) null)));
        AggregateNode aggregate = new AggregateNode(input, List.of(), List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.of(0), true, ColumnType.BIGINT, "c")));
        assertThat(run(allocator, aggregate)).containsExactly(row(2L));
    }
}
