package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import org.apache.arrow.memory.ArrowBuf;

/** DOUBLE values. Bounds follow {@link Double#compare}, so NaN counts as the largest value. */
final class DoubleBlockBuilder extends FixedWidthBlockBuilder {
    private double min;
    private double max;
    private boolean hasBounds;

    DoubleBlockBuilder(ColumnType type, int blockRows) {
        super(type, blockRows, Double.BYTES);
    }

    @Override
    protected void updateBounds(ArrowBuf source, int from, int count) {
        for (int i = 0; i < count; i++) {
            if (isValid(rowCount + i)) {
                double value = source.getDouble((long) (from + i) * Double.BYTES);
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
    protected void resetValues() {
        hasBounds = false;
    }

    @Override
    ZoneMap zoneMap() {
        if (!hasBounds) {
            return new ZoneMap(null, null, nullCount());
        }
        return new ZoneMap(min, max, nullCount());
    }
}
