package io.depot.engine.join;

/**
 * The build side's rows by key hash: open addressing with linear probing over the distinct
 * hashes, each slot heading a chain of the build rows with that hash in ascending row order.
 * Rows whose hashes are equal but keys differ share a chain, so the prober still compares keys
 * ({@link JoinKeys#retainEqual}). Rows with a NULL key are left out: they match nothing.
 */
public final class JoinHashTable {
    private static final int MINIMUM_CAPACITY = 16;

    private final long[] rowHashes;
    private final int[] slots;
    private final int[] chainLinks;
    private final int mask;

    private JoinHashTable(long[] rowHashes, int[] slots, int[] chainLinks) {
        this.rowHashes = rowHashes;
        this.slots = slots;
        this.chainLinks = chainLinks;
        this.mask = slots.length - 1;
    }

    /** Heap bytes the table of {@code rowCount} build rows holds, to reserve before building it. */
    public static long estimatedBytes(int rowCount) {
        return 4L * capacity(rowCount) + 4L * rowCount;
    }

    /** Slots for at most half a load, so that probe sequences stay short. */
    private static int capacity(int rowCount) {
        long capacity = MINIMUM_CAPACITY;
        while (capacity < 2L * rowCount) {
            capacity <<= 1;
        }
        return Math.toIntExact(capacity);
    }

    /** The table over all rows of the build side's keys. */
    public static JoinHashTable build(JoinKeys keys) {
        int rowCount = keys.size();
        long[] hashes = keys.hashes();
        int[] slots = new int[capacity(rowCount)];
        int[] links = new int[rowCount];
        int mask = slots.length - 1;
        // Backwards, each row going in front of its chain, so chains end up in ascending order.
        for (int row = rowCount - 1; row >= 0; row--) {
            if (keys.hasNullKey(row)) {
                continue;
            }
            long hash = hashes[row];
            int slot = (int) hash & mask;
            while (slots[slot] != 0 && hashes[slots[slot] - 1] != hash) {
                slot = (slot + 1) & mask;
            }
            // Slots hold row + 1 so that 0 means empty; an empty slot's chain ends here (-1).
            links[row] = slots[slot] - 1;
            slots[slot] = row + 1;
        }
        return new JoinHashTable(hashes, slots, links);
    }

    /** For every probe row the first build row of its chain, or -1 when it has none or a NULL key. */
    public int[] chainHeads(JoinKeys probe) {
        int size = probe.size();
        long[] hashes = probe.hashes();
        int[] heads = new int[size];
        for (int row = 0; row < size; row++) {
            heads[row] = probe.hasNullKey(row) ? -1 : find(hashes[row]);
        }
        return heads;
    }

    private int find(long hash) {
        int slot = (int) hash & mask;
        while (true) {
            int head = slots[slot] - 1;
            if (head < 0 || rowHashes[head] == hash) {
                return head;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** For every build row the next build row of its chain, or -1 at the chain's end. */
    public int[] chainLinks() {
        return chainLinks;
    }
}
