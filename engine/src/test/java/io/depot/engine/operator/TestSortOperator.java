package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.run;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.SortNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestSortOperator extends AllocatorTest {
    private static final List<Column> COLUMNS = List.of(
            Column.nullable("name", ColumnType.VARCHAR),
            Column.nullable("score", ColumnType.INTEGER),
            Column.nullable("day", ColumnType.DATE));

    private static ValuesNode input() {
        return values(COLUMNS, List.of(
                row("b", 2, LocalDate.of(2024, 1, 2)),
                row("a", null, LocalDate.of(2024, 1, 1)),
                row("c", 2, null),
                row(null, 1, LocalDate.of(2024, 1, 3)),
                row("😀", 3, LocalDate.of(2024, 1, 1)),
                row("Ａ", 1, LocalDate.of(2024, 1, 2))));
    }

    private List<Object> firstColumn(List<List<Object>> rows) {
        return rows.stream().map(r -> r.get(0)).toList();
    }

    @Test
    void ascendingNullsLast() {
        List<List<Object>> rows = run(allocator, new SortNode(input(), List.of(new SortKey(1, false, false))));
        // stable: equal scores keep their input order
        assertThat(firstColumn(rows)).containsExactly(null, "Ａ", "b", "c", "😀", "a");
    }

    @Test
    void descendingNullsFirst() {
        List<List<Object>> rows = run(allocator, new SortNode(input(), List.of(new SortKey(1, true, true))));
        assertThat(firstColumn(rows)).containsExactly("a", "😀", "b", "c", null, "Ａ");
    }

    @Test
    void stringsByCodePointWithNullsFirst() {
        List<List<Object>> rows = run(allocator, new SortNode(input(), List.of(new SortKey(0, false, true))));
        assertThat(firstColumn(rows)).containsExactly(null, "a", "b", "c", "Ａ", "😀");
    }

    @Test
    void multipleKeys() {
        List<List<Object>> rows = run(allocator, new SortNode(input(),
                List.of(new SortKey(2, false, true), new SortKey(0, true, false))));
        assertThat(firstColumn(rows)).containsExactly("c", "😀", "a", "Ａ", "b", null);
    }

    @Test
    void largeInputAcrossBatchesIsOrderedAndStable() {
        int rowCount = 100_000;
        List<List<Object>> input = new ArrayList<>(rowCount);
        for (int i = 0; i < rowCount; i++) {
            input.add(row((i * 7919L) % 1000, (long) i));
        }
        ValuesNode node = values(List.of(Column.nullable("k", ColumnType.BIGINT), Column.nullable("i", ColumnType.BIGINT)), input);
        List<List<Object>> rows = run(allocator, new SortNode(node, List.of(SortKey.descending(0))));
        assertThat(rows).hasSize(rowCount);
        for (int i = 1; i < rowCount; i++) {
            long previousKey = (Long) rows.get(i - 1).get(0);
            long key = (Long) rows.get(i).get(0);
            assertThat(previousKey).isGreaterThanOrEqualTo(key);
            if (previousKey == key) {
                assertThat((Long) rows.get(i - 1).get(1)).isLessThan((Long) rows.get(i).get(1));
            }
        }
    }

    @Test
    void randomInputMatchesAStableReferenceSort() {
        Random random = new Random(5);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            String text = random.nextInt(8) == 0 ? null : Integer.toString(random.nextInt(300), 36) + "가";
            Integer number = random.nextInt(8) == 0 ? null : random.nextInt(20);
            rows.add(row(text, number, (long) i));
        }
        List<Column> columns = List.of(Column.nullable("t", ColumnType.VARCHAR), Column.nullable("n", ColumnType.INTEGER),
                Column.nullable("i", ColumnType.BIGINT));
        SortNode sort = new SortNode(values(columns, rows), List.of(new SortKey(1, true, false), new SortKey(0, false, true)));
        Comparator<List<Object>> byNumber = Comparator.comparing(r -> (Integer) r.get(1),
                Comparator.nullsLast(Comparator.<Integer>reverseOrder()));
        Comparator<List<Object>> byText = Comparator.comparing(r -> (String) r.get(0),
                Comparator.nullsFirst(Comparator.<String>naturalOrder()));
        List<List<Object>> expected = new ArrayList<>(rows);
        // The strings are ASCII plus one Hangul syllable, where UTF-16 order is code point order.
        expected.sort(byNumber.thenComparing(byText));
        assertThat(run(allocator, sort)).isEqualTo(expected);
    }

    @Test
    void doublesPutNanLastAscending() {
        ValuesNode node = values(List.of(Column.nullable("d", ColumnType.DOUBLE)),
                List.of(row(Double.NaN), row(1.0), row((Object) null), row(-1.0)));
        assertThat(firstColumn(run(allocator, new SortNode(node, List.of(SortKey.ascending(0))))))
                .containsExactly(-1.0, 1.0, Double.NaN, null);
    }
}
