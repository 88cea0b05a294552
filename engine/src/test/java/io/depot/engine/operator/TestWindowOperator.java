package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.expression.Literal;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.ValuesNode;
import io.depot.engine.plan.WindowCall;
import io.depot.engine.plan.WindowFrame;
import io.depot.engine.plan.WindowFrame.Bound;
import io.depot.engine.plan.WindowFunction;
import io.depot.engine.plan.WindowNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestWindowOperator extends AllocatorTest {
    private static final List<Column> COLUMNS = List.of(
            Column.nullable("g", ColumnType.VARCHAR),
            Column.nullable("k", ColumnType.BIGINT),
            Column.nullable("v", ColumnType.BIGINT));

    private static WindowCall call(WindowFunction function, int argument, ColumnType type) {
        return new WindowCall(function, argument < 0 ? OptionalInt.empty() : OptionalInt.of(argument), 0,
                Literal.nullOf(type), type, function.name().toLowerCase());
    }

    @Test
    void rankingWithinPartitionsWithNullKeysTogether() {
        ValuesNode input = values(COLUMNS, List.of(
                row("a", 1L, 0L), row(null, 5L, 0L), row("a", 1L, 0L), row("a", 3L, 0L), row(null, 2L, 0L),
                row("서울", null, 0L)));
        WindowNode window = new WindowNode(input, List.of(0), List.of(SortKey.ascending(1)),
                WindowFrame.RANGE_TO_CURRENT_ROW, List.of(
                        call(WindowFunction.ROW_NUMBER, -1, ColumnType.BIGINT),
                        call(WindowFunction.RANK, -1, ColumnType.BIGINT),
                        call(WindowFunction.DENSE_RANK, -1, ColumnType.BIGINT),
                        call(WindowFunction.COUNT, -1, ColumnType.BIGINT)));
        assertThat(run(allocator, window)).containsExactlyInAnyOrder(
                row(null, 2L, 0L, 1L, 1L, 1L, 1L),
                row(null, 5L, 0L, 2L, 2L, 2L, 2L),
                row("a", 1L, 0L, 1L, 1L, 1L, 2L),
                row("a", 1L, 0L, 2L, 1L, 1L, 2L),
                row("a", 3L, 0L, 3L, 3L, 2L, 3L),
                row("서울", null, 0L, 1L, 1L, 1L, 1L));
    }

    @Test
    void ntileGivesLargerBucketsFirst() {
        List<List<Object>> input = new ArrayList<>();
        for (long i = 0; i < 7; i++) {
            input.add(row("a", i, i));
        }
        WindowNode window = new WindowNode(values(COLUMNS, input), List.of(), List.of(SortKey.ascending(1)),
                WindowFrame.RANGE_TO_CURRENT_ROW, List.of(new WindowCall(WindowFunction.NTILE, OptionalInt.empty(), 3,
                        Literal.nullOf(ColumnType.BIGINT), ColumnType.BIGINT, "tile")));
        List<List<Object>> rows = new ArrayList<>(run(allocator, window));
        rows.sort(Comparator.comparing(r -> (Long) r.get(1)));
        assertThat(rows.stream().map(r -> r.get(3)).toList()).containsExactly(1L, 1L, 1L, 2L, 2L, 3L, 3L);
    }

    /** Sliding ROWS frames against a direct per-row computation, on random data with NULLs. */
    @Test
    void rowsFramesMatchDirectComputation() {
        Random random = new Random(11);
        for (int round = 0; round < 30; round++) {
            int size = random.nextInt(60);
            List<List<Object>> input = new ArrayList<>();
            for (long i = 0; i < size; i++) {
                // k is unique, so the window order is total and the expected frames are exact.
                input.add(row(random.nextInt(3) == 0 ? null : "p" + random.nextInt(3), i,
                        random.nextInt(5) == 0 ? null : (long) random.nextInt(200) - 100));
            }
            Bound start = randomBound(random, true);
            Bound end = randomBound(random, false);
            WindowFrame frame = new WindowFrame(true, start, end);
            WindowNode window = new WindowNode(values(COLUMNS, input), List.of(0), List.of(SortKey.ascending(1)), frame,
                    List.of(call(WindowFunction.SUM, 2, ColumnType.BIGINT), call(WindowFunction.COUNT, 2, ColumnType.BIGINT),
                            call(WindowFunction.MIN, 2, ColumnType.BIGINT), call(WindowFunction.MAX, 2, ColumnType.BIGINT),
                            call(WindowFunction.FIRST_VALUE, 2, ColumnType.BIGINT)));
            for (List<Object> result : run(allocator, window)) {
                List<Long> inFrame = new ArrayList<>();
                List<Long> partition = new ArrayList<>();
                for (List<Object> other : input) {
                    if (java.util.Objects.equals(other.get(0), result.get(0))) {
                        partition.add((Long) other.get(1));
                    }
                }
                int position = partition.indexOf((Long) result.get(1));
                int from = offset(start, position, partition.size(), true);
                int to = offset(end, position, partition.size(), false);
                List<Long> values = new ArrayList<>();
                Object first = null;
                for (int p = Math.max(0, from); p < Math.min(partition.size(), to); p++) {
                    Long value = (Long) input.get(partition.get(p).intValue()).get(2);
                    first = p == Math.max(0, from) ? value : first;
                    if (value != null) {
                        values.add(value);
                    }
                    inFrame.add(value);
                }
                String description = frame + " row " + result;
                assertThat(result.get(3)).as(description).isEqualTo(values.isEmpty() ? null : values.stream().mapToLong(x -> x).sum());
                assertThat(result.get(4)).as(description).isEqualTo((long) values.size());
                assertThat(result.get(5)).as(description).isEqualTo(values.stream().min(Long::compare).orElse(null));
                assertThat(result.get(6)).as(description).isEqualTo(values.stream().max(Long::compare).orElse(null));
                assertThat(result.get(7)).as(description).isEqualTo(inFrame.isEmpty() ? null : first);
            }
        }
    }

    private static Bound randomBound(Random random, boolean isStart) {
        return switch (random.nextInt(5)) {
            case 0 -> isStart ? Bound.UNBOUNDED_PRECEDING : Bound.UNBOUNDED_FOLLOWING;
            case 1 -> Bound.CURRENT_ROW;
            case 2 -> Bound.preceding(random.nextInt(4));
            case 3 -> Bound.following(random.nextInt(4));
            default -> isStart ? Bound.preceding(random.nextInt(10)) : Bound.following(random.nextInt(10));
        };
    }

    /** A bound's position in a partition of {@code size} rows (start inclusive, end exclusive). */
    private static int offset(Bound bound, int position, int size, boolean isStart) {
        int target = switch (bound.kind()) {
            case UNBOUNDED_PRECEDING -> -1_000;
            case UNBOUNDED_FOLLOWING -> 1_000;
            case CURRENT_ROW -> position;
            case PRECEDING -> position - bound.offset().intValue();
            case FOLLOWING -> position + bound.offset().intValue();
        };
        int result = isStart ? target : target + 1;
        return Math.max(0, Math.min(size, result));
    }
}
