package io.depot.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.assertj.core.data.Offset;

/**
 * Compares the rows Depot answers with the rows a reference engine (DuckDB) answers, value by
 * value, after bringing both into canonical Java forms.
 */
public final class ResultComparison {
    /** An arbitrary but total order, to compare rows as multisets by sorting both sides. */
    public static final Comparator<List<Object>> ROW_ORDER = Comparator.comparing(Object::toString);

    private ResultComparison() {}

    /**
     * Values in comparable forms: exact numbers as BigDecimal without trailing zeros, but a
     * DOUBLE on either side compares as a double (DuckDB averages decimals as DOUBLE), dates and
     * timestamps as java.time.
     */
    public static List<List<Object>> canonical(List<List<Object>> rows) {
        List<List<Object>> canonical = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> values = new ArrayList<>();
            for (Object value : row) {
                values.add(canonicalValue(value));
            }
            canonical.add(values);
        }
        return canonical;
    }

    private static Object canonicalValue(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            // Depot keeps AVG(DECIMAL) exact, DuckDB gives DOUBLE: compare such values as doubles.
            return decimal.scale() >= 6 ? decimal.doubleValue() : decimal.stripTrailingZeros();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            return new BigDecimal(value.toString()).stripTrailingZeros();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toLocalDateTime();
        }
        return value;
    }

    /**
     * Asserts canonical rows are equal in this order. Numbers compare as doubles when either side
     * is a double, within {@code relativeTolerance} of the expected value (absolute below 1).
     */
    public static void assertSameRows(
            String description, List<List<Object>> actual, List<List<Object>> expected, double relativeTolerance) {
        assertThat(actual).as(description).hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            List<Object> actualRow = actual.get(r);
            List<Object> expectedRow = expected.get(r);
            assertThat(actualRow).as("%s row %d", description, r).hasSameSizeAs(expectedRow);
            for (int c = 0; c < expectedRow.size(); c++) {
                Object a = actualRow.get(c);
                Object e = expectedRow.get(c);
                if ((a instanceof Double || e instanceof Double) && a instanceof Number an && e instanceof Number en) {
                    double expectedDouble = en.doubleValue();
                    assertThat(an.doubleValue()).as("%s row %d column %d: %s", description, r, c, actualRow)
                            .isCloseTo(expectedDouble, Offset.offset(relativeTolerance * Math.max(1, Math.abs(expectedDouble))));
                } else {
                    assertThat(a).as("%s row %d column %d: %s", description, r, c, actualRow).isEqualTo(e);
                }
            }
        }
    }

    /**
     * Asserts canonical rows are equal in the expected order, except that rows equal on the sort
     * key (1-based columns; none means the whole result) compare as multisets: an ORDER BY leaves
     * their order to the engine.
     */
    public static void assertSameRowsInSortOrder(String description, List<List<Object>> actual,
            List<List<Object>> expected, List<Integer> sortKeyColumns, double relativeTolerance) {
        assertThat(actual).as(description).hasSameSizeAs(expected);
        List<List<Object>> actualRuns = new ArrayList<>();
        List<List<Object>> expectedRuns = new ArrayList<>();
        int start = 0;
        while (start < expected.size()) {
            int end = start + 1;
            while (end < expected.size() && sameSortKey(expected.get(start), expected.get(end), sortKeyColumns)) {
                end++;
            }
            actualRuns.addAll(sorted(actual.subList(start, end)));
            expectedRuns.addAll(sorted(expected.subList(start, end)));
            start = end;
        }
        assertSameRows(description, actualRuns, expectedRuns, relativeTolerance);
    }

    private static boolean sameSortKey(List<Object> first, List<Object> second, List<Integer> sortKeyColumns) {
        for (int column : sortKeyColumns) {
            if (!Objects.equals(first.get(column - 1), second.get(column - 1))) {
                return false;
            }
        }
        return true;
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(ROW_ORDER);
        return sorted;
    }
}
