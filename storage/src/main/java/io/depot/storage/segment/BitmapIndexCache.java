package io.depot.storage.segment;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The parsed bitmap indexes read most recently in this process, least recently used evicted
 * past a byte budget. Without it every filtered query reads, checks, decompresses and parses the
 * whole index of every block again, which costs as much as decoding the column (TPC-H SF1
 * l_shipdate: 15 MB of indexes against 9 MB of values); with it a repeated equality filter
 * deserializes one small bitmap per block. Only for table segments: they are written once under
 * unique names and never changed, so an entry stays valid as long as its file does (the key
 * still holds the file's size and modification time, so a file replaced under the same name is
 * read afresh). A cached index was checked (CRC, structure) when it was read; damage to the file
 * after that is found by the next reader that misses the cache. Thread-safe.
 */
public final class BitmapIndexCache {
    /** Enough for the indexes of a few hundred million rows of a date column. */
    public static final long DEFAULT_CAPACITY_BYTES = 64L << 20;
    private static final BitmapIndexCache SHARED = new BitmapIndexCache(DEFAULT_CAPACITY_BYTES);

    /** One index: the file as it was when opened, and the block and column. */
    record Key(String file, long size, long modifiedNanos, int block, int column) {}

    private final long capacityBytes;
    private final LinkedHashMap<Key, BlockBitmapIndex> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long usedBytes;

    public BitmapIndexCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** The process's cache for table segments ({@link #DEFAULT_CAPACITY_BYTES}). */
    public static BitmapIndexCache shared() {
        return SHARED;
    }

    /** The cached index, or the one {@code read} returns (then cached when it fits the budget). */
    BlockBitmapIndex get(Key key, Supplier<BlockBitmapIndex> read) {
        synchronized (this) {
            BlockBitmapIndex cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Read outside the lock: two threads may both read one index, which is harmless.
        BlockBitmapIndex index = read.get();
        long weight = index.memoryBytes();
        if (weight > capacityBytes) {
            return index;
        }
        synchronized (this) {
            BlockBitmapIndex previous = entries.put(key, index);
            usedBytes += weight - (previous == null ? 0 : previous.memoryBytes());
            Iterator<Map.Entry<Key, BlockBitmapIndex>> eldest = entries.entrySet().iterator();
            while (usedBytes > capacityBytes && eldest.hasNext()) {
                usedBytes -= eldest.next().getValue().memoryBytes();
                eldest.remove();
            }
        }
        return index;
    }

    public synchronized long usedBytes() {
        return usedBytes;
    }

    public synchronized int size() {
        return entries.size();
    }
}
