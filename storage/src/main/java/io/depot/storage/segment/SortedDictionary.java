package io.depot.storage.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct non-null strings of a VARCHAR block in unsigned UTF-8 byte order (code point
 * order), and each row's code: its value's position in that order. Because codes follow the
 * value order, a range predicate on values is a range on codes. NULL rows get code 0.
 */
final class SortedDictionary {
    private final byte[] entryBytes;
    private final int[] entryOffsets;
    private final long[] codes;

    private SortedDictionary(byte[] entryBytes, int[] entryOffsets, long[] codes) {
        this.entryBytes = entryBytes;
        this.entryOffsets = entryOffsets;
        this.codes = codes;
    }

    /** Null when the block has no non-null value or more than {@code maxEntries} distinct ones. */
    static SortedDictionary build(VarCharValues values, int maxEntries) {
        int rows = values.rowCount();
        int[] offsets = values.offsets();
        byte[] data = values.data();
        Map<Slice, Integer> firstSeen = new HashMap<>();
        List<Slice> distinct = new ArrayList<>();
        int[] provisional = new int[rows];
        for (int row = 0; row < rows; row++) {
            if (!values.isValid(row)) {
                continue;
            }
            Slice slice = new Slice(data, offsets[row], offsets[row + 1]);
            Integer id = firstSeen.get(slice);
            if (id == null) {
                if (distinct.size() == maxEntries) {
                    return null;
                }
                id = distinct.size();
                firstSeen.put(slice, id);
                distinct.add(slice);
            }
            provisional[row] = id;
        }
        if (distinct.isEmpty()) {
            return null;
        }
        Integer[] order = new Integer[distinct.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (left, right) -> distinct.get(left).compareTo(distinct.get(right)));
        int[] codeOfId = new int[order.length];
        int[] entryOffsets = new int[order.length + 1];
        int length = 0;
        for (int code = 0; code < order.length; code++) {
            codeOfId[order[code]] = code;
            length += distinct.get(order[code]).length();
            entryOffsets[code + 1] = length;
        }
        byte[] entryBytes = new byte[length];
        for (int code = 0; code < order.length; code++) {
            Slice slice = distinct.get(order[code]);
            System.arraycopy(data, slice.start(), entryBytes, entryOffsets[code], slice.length());
        }
        long[] codes = new long[rows];
        for (int row = 0; row < rows; row++) {
            codes[row] = values.isValid(row) ? codeOfId[provisional[row]] : 0;
        }
        return new SortedDictionary(entryBytes, entryOffsets, codes);
    }

    int entryCount() {
        return entryOffsets.length - 1;
    }

    /** Concatenated UTF-8 bytes of the entries, in code order. */
    byte[] entryBytes() {
        return entryBytes;
    }

    /** {@code entryCount + 1} offsets into {@link #entryBytes()}. */
    int[] entryOffsets() {
        return entryOffsets;
    }

    /** One code per row. */
    long[] codes() {
        return codes;
    }

    /** A range of the block's bytes, compared and hashed by content. */
    private record Slice(byte[] data, int start, int end) implements Comparable<Slice> {
        int length() {
            return end - start;
        }

        @Override
        public int compareTo(Slice other) {
            return Arrays.compareUnsigned(data, start, end, other.data, other.start, other.end);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Slice slice && Arrays.equals(data, start, end, slice.data, slice.start, slice.end);
        }

        @Override
        public int hashCode() {
            int hash = 1;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + data[i];
            }
            return hash;
        }
    }
}
