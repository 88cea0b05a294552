package io.depot.engine.join;

/**
 * The build side's rows by key hash: open addressing with linear probing, each slot heading a
 * chain of build rows in ascending row order. A hash's low bits pick its first slot and its high
 * 32 bits are the slot's tag; a slot holds its tag and its chain's first row in one long, so a
 * lookup reads one array entry per slot it visits (comparing the tag) instead of following the
 * row to its hash in another array, a second cache miss per probe row on large tables. Rows
 * whose tags are equal but keys differ share a chain, so the prober still compares keys
 * ({@link JoinKeys#retainEqual}). Rows with a NULL key are left out: they match nothing.
 *
 * <p>Build and lookup walk the same slot sequence and stop at the first slot with an equal tag,
 * and a slot's tag never changes once set, so a lookup finds the chain its rows were put in.
 */
public final class JoinHashTable {
    private static final int MINIMUM_CAPACITY = 16;
    /** The hash bits a slot keeps as its tag; the other half of the slot is its chain's first row + 1. */
    private static final long TAG_BITS = 0xFFFF_FFFF_0000_0000L;

    private final long[] slots;
    private final int[] chainLinks;
    private final int mask;

    private JoinHashTable(long[] slots, int[] chainLinks) {
        this.slots = slots;
        this.chainLinks = chainLinks;
        this.mask = slots.length - 1;
    }

    /** Heap bytes the table of {@code rowCount} build rows holds, to reserve before building it. */
    public static long estimatedBytes(int rowCount) {
        return 8L * capacity(rowCount) + 4L * rowCount;
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
        long[] slots = new long[capacity(rowCount)];
        int[] links = new int[rowCount];
        int mask = slots.length - 1;
        // Backwards, each row going in front of its chain, so chains end up in ascending order.
        for (int row = rowCount - 1; row >= 0; row--) {
            if (keys.hasNullKey(row)) {
                continue;
            }
            long hash = hashes[row];
            long tag = hash & TAG_BITS;
            int slot = (int) hash & mask;
            while (slots[slot] != 0 && (slots[slot] & TAG_BITS) != tag) {
                slot = (slot + 1) & mask;
            }
            // Slots hold row + 1 in their low half, so that 0 means empty; an empty slot's chain
            // ends here (-1).
            links[row] = (int) slots[slot] - 1;
            slots[slot] = tag | (row + 1);
        }
        return new JoinHashTable(slots, links);
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
        long tag = hash & TAG_BITS;
        int slot = (int) hash & mask;
        while (true) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if ((entry & TAG_BITS) == tag) {
                return (int) entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** For every build row the next build row of its chain, or -1 at the chain's end. */
    public int[] chainLinks() {
        return chainLinks;
    }
}
