package io.depot.storage.segment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The distinct non-null strings of a VARCHAR block in unsigned UTF-8 byte order (code point
 * order), and each row's code: its value's position in that order. Because codes follow the
 * value order, a range predicate on values is a range on codes. NULL rows get code 0.
 */
final class SortedDictionary {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
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
        // Open addressing over the rows that first showed each value: no object per row.
        int capacity = Integer.highestOneBit(Math.max(16, Math.min(rows, maxEntries + 1) * 2 - 1)) << 1;
        int mask = capacity - 1;
        int[] slots = new int[capacity]; // id + 1 of the value in the slot, 0 when empty
        int[] slotHashes = new int[capacity];
        int[] firstRowOfId = new int[Math.max(1, Math.min(rows, maxEntries))];
        int distinct = 0;
        int[] provisional = new int[rows];
        for (int row = 0; row < rows; row++) {
            if (!values.isValid(row)) {
                continue;
            }
            int start = offsets[row];
            int end = offsets[row + 1];
            int hash = hash(data, start, end);
            int slot = hash & mask;
            int id;
            while (true) {
                int occupant = slots[slot];
                if (occupant == 0) {
                    if (distinct == maxEntries) {
                        return null;
                    }
                    id = distinct++;
                    firstRowOfId[id] = row;
                    slots[slot] = id + 1;
                    slotHashes[slot] = hash;
                    break;
                }
                int other = firstRowOfId[occupant - 1];
                if (slotHashes[slot] == hash
                        && Arrays.equals(data, start, end, data, offsets[other], offsets[other + 1])) {
                    id = occupant - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            provisional[row] = id;
        }
        if (distinct == 0) {
            return null;
        }
        Integer[] order = new Integer[distinct];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (left, right) -> {
            int leftRow = firstRowOfId[left];
            int rightRow = firstRowOfId[right];
            return Arrays.compareUnsigned(data, offsets[leftRow], offsets[leftRow + 1],
                    data, offsets[rightRow], offsets[rightRow + 1]);
        });
        int[] codeOfId = new int[order.length];
        int[] entryOffsets = new int[order.length + 1];
        int length = 0;
        for (int code = 0; code < order.length; code++) {
            codeOfId[order[code]] = code;
            int row = firstRowOfId[order[code]];
            length += offsets[row + 1] - offsets[row];
            entryOffsets[code + 1] = length;
        }
        byte[] entryBytes = new byte[length];
        for (int code = 0; code < order.length; code++) {
            int row = firstRowOfId[order[code]];
            System.arraycopy(data, offsets[row], entryBytes, entryOffsets[code], offsets[row + 1] - offsets[row]);
        }
        long[] codes = new long[rows];
        for (int row = 0; row < rows; row++) {
            codes[row] = values.isValid(row) ? codeOfId[provisional[row]] : 0;
        }
        return new SortedDictionary(entryBytes, entryOffsets, codes);
    }

    /** A well-spread hash of bytes {@code [start, end)}, eight at a time. */
    private static int hash(byte[] data, int start, int end) {
        long hash = 0x9E37_79B9_7F4A_7C15L ^ (end - start);
        int position = start;
        for (; position + Long.BYTES <= end; position += Long.BYTES) {
            hash = (hash ^ (long) LONGS.get(data, position)) * 0xBF58_476D_1CE4_E5B9L;
            hash ^= hash >>> 31;
        }
        for (; position < end; position++) {
            hash = (hash ^ (data[position] & 0xFF)) * 0x94D0_49BB_1331_11EBL;
        }
        hash ^= hash >>> 29;
        return (int) (hash ^ (hash >>> 32));
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
}
