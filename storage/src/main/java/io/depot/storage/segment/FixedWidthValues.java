package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Int128;

/**
 * Fixed-width values as longs, one per row (two for INT128: low, high), NULL rows already holding a neighbour's value (so
 * they neither widen a frame of reference nor break a run or a delta). The statistics that
 * encodings estimate their sizes from are computed once, on first use.
 */
final class FixedWidthValues implements BlockValues {
    private final PhysicalType type;
    private final long[] values;
    private final int rowCount;
    private LongStatistics statistics;
    private long[] int128Bounds;

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

    /**
     * For INT128: {minHigh, minLow, maxHigh, maxLow} over all rows (NULL rows hold neighbours'
     * values), computed on first use.
     */
    long[] int128Bounds() {
        if (int128Bounds == null) {
            long minHigh = values[1];
            long minLow = values[0];
            long maxHigh = minHigh;
            long maxLow = minLow;
            for (int row = 1; row < rowCount; row++) {
                long low = values[2 * row];
                long high = values[2 * row + 1];
                if (Int128.compare(high, low, minHigh, minLow) < 0) {
                    minHigh = high;
                    minLow = low;
                } else if (Int128.compare(high, low, maxHigh, maxLow) > 0) {
                    maxHigh = high;
                    maxLow = low;
                }
            }
            int128Bounds = new long[] {minHigh, minLow, maxHigh, maxLow};
        }
        return int128Bounds;
    }

    LongStatistics statistics() {
        if (statistics == null) {
            statistics = LongStatistics.of(values, rowCount);
        }
        return statistics;
    }
}
