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
    private static final int PREFIX_BYTES = 7;

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
        return stringComparator((StringData) data);
    }

    /**
     * Compares strings by a precomputed 64-bit key first: the first seven bytes (zero-padded),
     * then the length capped at eight. Keys order like the strings do and decide most
     * comparisons from one array; only two strings longer than seven bytes that share their
     * first seven bytes are compared in full.
     */
    private static RowComparator stringComparator(StringData strings) {
        int size = strings.size();
        long[] keys = new long[size];
        byte[] bytes = strings.bytes();
        for (int row = 0; row < size; row++) {
            int start = strings.start(row);
            int length = strings.length(row);
            long key = 0;
            for (int i = 0; i < PREFIX_BYTES; i++) {
                key = (key << 8) | (i < length ? bytes[start + i] & 0xff : 0);
            }
            keys[row] = (key << 8) | Math.min(length, PREFIX_BYTES + 1);
        }
        return (left, right) -> {
            int result = Long.compareUnsigned(keys[left], keys[right]);
            if (result != 0 || (keys[left] & 0xff) <= PREFIX_BYTES) {
                return result;
            }
            return strings.compare(left, strings, right);
        };
    }
}
