package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;

/**
 * DOUBLE values. Bounds follow {@link Double#compare}, so NaN counts as the largest value; a zero
 * bound is widened to cover both -0.0 and 0.0.
 */
final class DoubleBlockBuilder extends FixedWidthBlockBuilder {
    private double min;
    private double max;
    private boolean hasBounds;

    DoubleBlockBuilder(ColumnType type, int blockRows) {
        super(type, blockRows);
    }

    @Override
    protected void updateBounds(int start, int count) {
        for (int row = start; row < start + count; row++) {
            if (isValid(row)) {
                double value = Double.longBitsToDouble(values[row]);
                if (!hasBounds) {
                    min = value;
                    max = value;
                    hasBounds = true;
                } else if (Double.compare(value, min) < 0) {
                    min = value;
                } else if (Double.compare(value, max) > 0) {
                    max = value;
                }
            }
        }
    }

    @Override
    protected void resetBounds() {
        hasBounds = false;
    }

    @Override
    ZoneMap zoneMap() {
        if (!hasBounds) {
            return new ZoneMap(null, null, nullCount());
        }
        // SQL treats -0.0 and 0.0 as equal but Double.compare does not: widen a zero bound to
        // cover both signs, so a pruner comparing either way never skips a matching block.
        double lower = min == 0.0 ? -0.0 : min;
        double upper = max == 0.0 ? 0.0 : max;
        return new ZoneMap(lower, upper, nullCount());
    }
}
