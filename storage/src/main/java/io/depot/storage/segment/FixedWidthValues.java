package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

/**
 * Fixed-width values as longs, one per row, NULL rows already holding a neighbour's value (so
 * they neither widen a frame of reference nor break a run or a delta). The statistics that
 * encodings estimate their sizes from are computed once, on first use.
 */
final class FixedWidthValues implements BlockValues {
    private final PhysicalType type;
    private final long[] values;
    private final int rowCount;
    private LongStatistics statistics;

    /** Wraps, does not copy, {@code values[0..rowCount)}. */
    FixedWidthValues(PhysicalType type, long[] values, int rowCount) {
        this.type = requireNonNull(type, "type is null");
        this.values = requireNonNull(values, "values is null");
        this.rowCount = rowCount;
    }

    PhysicalType type() {
        return type;
    }

    /** The shared array; rows past {@link #rowCount()} are leftovers. */
    long[] values() {
        return values;
    }

    @Override
    public int rowCount() {
        return rowCount;
    }

    LongStatistics statistics() {
        if (statistics == null) {
            statistics = LongStatistics.of(values, rowCount);
        }
        return statistics;
    }
}
