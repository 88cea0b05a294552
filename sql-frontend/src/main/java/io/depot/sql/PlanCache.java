package io.depot.sql;

import static java.util.Objects.requireNonNull;

import io.depot.sql.schema.CatalogState;
import io.depot.storage.table.Database;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Planned queries kept by statement text, so that a query sent again (a dashboard's refresh, a
 * report run every hour, a benchmark's repeats) skips parsing, validation and optimization:
 * Calcite's planning costs 5-50 ms of CPU per query, more while the JIT is cold. A plan is reused
 * only while the tables and views it was planned against are unchanged ({@link CatalogState}, read
 * from disk, so other processes' writes count); any write to one of them plans the query afresh,
 * with the new statistics. Plans that read files while planning are never kept: they depend on the
 * planning session's file access. The planner switches ({@code depot.planner.disable}) are part of
 * the key. Least recently used plans are dropped beyond {@code depot.planCache.size} entries
 * (default 256; 0 turns the cache off).
 */
final class PlanCache {
    static final int DEFAULT_SIZE = 256;

    private record Key(String sql, String disabledRewrites) {}

    private record Entry(PlannedQuery query, CatalogState plannedAgainst) {}

    private final Database database;
    private final int size;
    private final Map<Key, Entry> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    PlanCache(Database database, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("plan cache size must be >= 0: " + size);
        }
        this.database = requireNonNull(database, "database is null");
        this.size = size;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > PlanCache.this.size;
            }
        };
    }

    /** The kept plan of this statement text, if it still holds. */
    Optional<PlannedQuery> get(String sql) {
        if (size == 0) {
            return Optional.empty();
        }
        Key key = key(sql);
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        // Checked outside the lock: it reads table manifests from disk.
        if (entry != null && entry.plannedAgainst().isCurrent(database)) {
            hits.incrementAndGet();
            return Optional.of(entry.query());
        }
        if (entry != null) {
            synchronized (entries) {
                entries.remove(key, entry);
            }
        }
        misses.incrementAndGet();
        return Optional.empty();
    }

    /** Keeps a plan made for this statement text, when it may be reused. */
    void put(String sql, PlannedQuery query, Optional<CatalogState> reusableWhile) {
        if (size == 0 || reusableWhile.isEmpty()) {
            return;
        }
        synchronized (entries) {
            entries.put(key(sql), new Entry(query, reusableWhile.get()));
        }
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    private static Key key(String sql) {
        return new Key(sql, System.getProperty("depot.planner.disable", ""));
    }
}
