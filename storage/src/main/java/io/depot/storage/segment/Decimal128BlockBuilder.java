package io.depot.storage.segment;

import io.depot.storage.statistics.HyperLogLog;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.Int128;
import org.apache.arrow.vector.FieldVector;

/**
 * DECIMAL wider than 18 digits: unscaled 128-bit values collected as two longs per row (low,
 * high: Arrow's DecimalVector layout), with 128-bit bounds.
 */
final class Decimal128BlockBuilder extends ColumnBlockBuilder {
    private final long[] values;
    private long minHigh;
    private long minLow;
    private long maxHigh;
    private long maxLow;
    private boolean hasBounds;

    Decimal128BlockBuilder(ColumnType type, int blockRows) {
        super(type, blockRows);
        this.values = new long[2 * blockRows];
    }

    @Override
    protected void appendValues(FieldVector vector, int from, int count) {
        PhysicalType.INT128.read(vector.getDataBuffer(), from, count, values, rowCount);
        for (int row = rowCount; row < rowCount + count; row++) {
            if (!isValid(row)) {
                continue;
            }
            long low = values[2 * row];
            long high = values[2 * row + 1];
            if (!hasBounds) {
                minHigh = maxHigh = high;
                minLow = maxLow = low;
                hasBounds = true;
            } else if (Int128.compare(high, low, minHigh, minLow) < 0) {
                minHigh = high;
                minLow = low;
            } else if (Int128.compare(high, low, maxHigh, maxLow) > 0) {
                maxHigh = high;
                maxLow = low;
            }
        }
    }

    @Override
    protected void addDistinctValues(HyperLogLog sketch) {
        for (int row = 0; row < rowCount; row++) {
            if (isValid(row)) {
                sketch.addLong(sketchKey(values[2 * row + 1], values[2 * row]));
            }
        }
    }

    /**
     * The long a value is sketched as: the value itself when it fits 64 bits (as for a narrower
     * DECIMAL), else both halves folded together.
     */
    static long sketchKey(long high, long low) {
        return high == (low >> 63) ? low : low ^ Long.rotateLeft(high * 0x9e3779b97f4a7c15L, 32);
    }

    /** The values with NULL rows holding a neighbour's value, as {@link FixedWidthBlockBuilder} does. */
    @Override
    BlockValues values() {
        if (nullCount() > 0) {
            int firstValid = 0;
            while (firstValid < rowCount && !isValid(firstValid)) {
                firstValid++;
            }
            long previousLow = firstValid < rowCount ? values[2 * firstValid] : 0;
            long previousHigh = firstValid < rowCount ? values[2 * firstValid + 1] : 0;
            for (int row = 0; row < rowCount; row++) {
                if (isValid(row)) {
                    previousLow = values[2 * row];
                    previousHigh = values[2 * row + 1];
                } else {
                    values[2 * row] = previousLow;
                    values[2 * row + 1] = previousHigh;
                }
            }
        }
        return new FixedWidthValues(PhysicalType.INT128, values, rowCount);
    }

    @Override
    protected void resetValues() {
        hasBounds = false;
    }

    @Override
    ZoneMap zoneMap() {
        if (!hasBounds) {
            return new ZoneMap(null, null, nullCount());
        }
        return new ZoneMap(Int128.toBigDecimal(minHigh, minLow, type.scale()),
                Int128.toBigDecimal(maxHigh, maxLow, type.scale()), nullCount());
    }
}
