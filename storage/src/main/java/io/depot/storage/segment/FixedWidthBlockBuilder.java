package io.depot.storage.segment;

import io.depot.storage.statistics.HyperLogLog;
import io.depot.storage.type.ColumnType;
import org.apache.arrow.vector.FieldVector;

/** Fixed-width values collected as longs (see {@link PhysicalType}). */
abstract class FixedWidthBlockBuilder extends ColumnBlockBuilder {
    private final PhysicalType physicalType;
    protected final long[] values;

    protected FixedWidthBlockBuilder(ColumnType type, int blockRows) {
        super(type, blockRows);
        this.physicalType = PhysicalType.of(type);
        this.values = new long[blockRows];
    }

    @Override
    protected final void appendValues(FieldVector vector, int from, int count) {
        physicalType.read(vector.getDataBuffer(), from, count, values, rowCount);
        updateBounds(rowCount, count);
    }

    /** Widens min/max by the non-null values among {@code values[start, start + count)}. */
    protected abstract void updateBounds(int start, int count);

    @Override
    protected final void addDistinctValues(HyperLogLog sketch) {
        boolean floating = physicalType == PhysicalType.FLOAT64;
        if (!floating && !hasNulls()) {
            for (int row = 0; row < rowCount; row++) {
                sketch.addLong(values[row]);
            }
            return;
        }
        for (int row = 0; row < rowCount; row++) {
            if (isValid(row)) {
                long value = values[row];
                if (floating) {
                    // SQL's equal doubles must hash alike: one NaN, and -0.0 as 0.0.
                    double number = Double.longBitsToDouble(value);
                    value = number == 0.0 ? 0L : Double.doubleToLongBits(number);
                }
                sketch.addLong(value);
            }
        }
    }

    /**
     * The values with every NULL row holding the nearest non-null value before it (after it, for
     * leading NULLs), so NULLs neither widen a frame of reference nor break runs and deltas.
     */
    @Override
    final BlockValues values() {
        if (nullCount() > 0) {
            fillNullRows();
        }
        return new FixedWidthValues(physicalType, values, rowCount);
    }

    private void fillNullRows() {
        int firstValid = 0;
        while (firstValid < rowCount && !isValid(firstValid)) {
            firstValid++;
        }
        long previous = firstValid < rowCount ? values[firstValid] : 0;
        for (int row = 0; row < rowCount; row++) {
            if (isValid(row)) {
                previous = values[row];
            } else {
                values[row] = previous;
            }
        }
    }

    @Override
    protected void resetValues() {
        resetBounds();
    }

    protected abstract void resetBounds();
}
