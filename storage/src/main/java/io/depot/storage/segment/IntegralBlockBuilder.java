package io.depot.storage.segment;

import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Integers of 32 bits (INTEGER, DATE as days since 1970-01-01) or 64 bits (BIGINT, DECIMAL
 * unscaled, TIMESTAMP as microseconds since 1970), with bounds kept as longs.
 */
final class IntegralBlockBuilder extends FixedWidthBlockBuilder {
    private long min;
    private long max;
    private boolean hasBounds;

    IntegralBlockBuilder(ColumnType type, int blockRows) {
        super(type, blockRows);
    }

    @Override
    protected void updateBounds(int start, int count) {
        if (!hasNulls() && count > 0) {
            long low = hasBounds ? min : values[start];
            long high = hasBounds ? max : values[start];
            for (int row = start; row < start + count; row++) {
                low = Math.min(low, values[row]);
                high = Math.max(high, values[row]);
            }
            min = low;
            max = high;
            hasBounds = true;
            return;
        }
        for (int row = start; row < start + count; row++) {
            if (isValid(row)) {
                long value = values[row];
                if (!hasBounds) {
                    min = value;
                    max = value;
                    hasBounds = true;
                } else if (value < min) {
                    min = value;
                } else if (value > max) {
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
        return new ZoneMap(literal(min), literal(max), nullCount());
    }

    private Object literal(long value) {
        return switch (type.kind()) {
            case INTEGER -> (int) value;
            case DATE -> LocalDate.ofEpochDay(value);
            case DECIMAL -> BigDecimal.valueOf(value, type.scale());
            case TIMESTAMP -> ArrowValues.timestampFromMicros(value);
            default -> value;
        };
    }
}
