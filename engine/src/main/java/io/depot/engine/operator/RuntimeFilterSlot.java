package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.engine.join.JoinKeys;
import io.depot.engine.join.RuntimeFilter;
import io.depot.storage.type.ColumnType;

/**
 * Where a hash join hands the {@link RuntimeFilter} of one of its key columns to the scan that
 * produces the probe side's values of that key. The planner makes one per (join key, scan
 * column) and gives it to both; the join publishes the filter once its build side is complete,
 * which is before the probe side reads its first row (a serial join builds on its first
 * {@code next()}, a shared build before the workers start). Until then the scan reads unfiltered,
 * so the filter is only ever an optimization. Only for joins that drop probe rows without a
 * match (see {@link HashJoinOperator#mayFilterProbe}).
 */
public final class RuntimeFilterSlot {
    /** Above this many build rows per probe table row the set test would not pay: range only. */
    private static final double MAX_BUILD_SHARE = 0.5;

    private final int keyIndex;
    private final int scanColumn;
    private final int tableColumn;
    private final ColumnType type;
    private final long probeTableRows;
    private volatile RuntimeFilter filter;

    /**
     * @param keyIndex which of the join's keys
     * @param scanColumn the scan's output column holding the probe side's values of that key
     * @param tableColumn the table column behind it
     * @param probeTableRows the rows of the scanned table, to judge whether a set test pays
     */
    public RuntimeFilterSlot(int keyIndex, int scanColumn, int tableColumn, ColumnType type, long probeTableRows) {
        if (!supports(type)) {
            throw new IllegalArgumentException("no runtime filter on a key of type " + type);
        }
        this.keyIndex = keyIndex;
        this.scanColumn = scanColumn;
        this.tableColumn = tableColumn;
        this.type = requireNonNull(type, "type is null");
        this.probeTableRows = probeTableRows;
    }

    /** Whether keys of this type get runtime filters: those the join compares as plain longs. */
    public static boolean supports(ColumnType type) {
        return switch (type.kind()) {
            case INTEGER, BIGINT, DATE, TIMESTAMP -> true;
            case DECIMAL -> !type.isWideDecimal();
            default -> false;
        };
    }

    /** Derives the filter from the complete build side's keys. */
    void publish(JoinKeys buildKeys) {
        ColumnData key = buildKeys.columns().get(keyIndex);
        if (!(key instanceof LongData longs)) {
            return;
        }
        boolean withSet = buildKeys.size() <= MAX_BUILD_SHARE * probeTableRows;
        filter = RuntimeFilter.of(longs.values(), buildKeys.anyNull(), buildKeys.size(), withSet);
    }

    /** The published filter, or null while the build is not complete. */
    RuntimeFilter filter() {
        return filter;
    }

    int scanColumn() {
        return scanColumn;
    }

    int tableColumn() {
        return tableColumn;
    }

    ColumnType type() {
        return type;
    }
}
