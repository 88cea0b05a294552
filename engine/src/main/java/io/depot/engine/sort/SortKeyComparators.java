package io.depot.engine.sort;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import java.util.List;

/**
 * Builds row comparators for sort keys, specialized to each key's representation. NULLs go first
 * or last as the key says, independent of the direction; DOUBLE orders NaN last ascending and
 * -0.0 with 0.0; VARCHAR orders by code point (unsigned UTF-8 bytes).
 */
public final class SortKeyComparators {
    private SortKeyComparators() {}

    /** The comparator of one key column. */
    public static RowComparator forKey(ColumnData data, boolean descending, boolean nullsFirst) {
        RowComparator values = valueComparator(data);
        RowComparator directed = descending ? (left, right) -> values.compare(right, left) : values;
        boolean[] nulls = data.nulls();
        if (nulls == null) {
            return directed;
        }
        int nullOrder = nullsFirst ? -1 : 1;
        return (left, right) -> {
            boolean leftNull = nulls[left];
            boolean rightNull = nulls[right];
            if (leftNull || rightNull) {
                return leftNull == rightNull ? 0 : (leftNull ? nullOrder : -nullOrder);
            }
            return directed.compare(left, right);
        };
    }

    /** Compares by the first key, then the next on ties, and so on. */
    public static RowComparator lexicographic(List<RowComparator> keys) {
        RowComparator[] array = keys.toArray(new RowComparator[0]);
        if (array.length == 1) {
            return array[0];
        }
        return (left, right) -> {
            for (RowComparator key : array) {
                int result = key.compare(left, right);
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        };
    }

    private static RowComparator valueComparator(ColumnData data) {
        if (data instanceof LongData longs) {
            long[] values = longs.values();
            return (left, right) -> Long.compare(values[left], values[right]);
        }
        if (data instanceof DoubleData doubles) {
            double[] values = doubles.values();
            return (left, right) -> Double.compare(values[left] + 0.0, values[right] + 0.0);
        }
        if (data instanceof BooleanData booleans) {
            boolean[] values = booleans.values();
            return (left, right) -> Boolean.compare(values[left], values[right]);
        }
        StringData strings = (StringData) data;
        return (left, right) -> strings.compare(left, strings, right);
    }
}
