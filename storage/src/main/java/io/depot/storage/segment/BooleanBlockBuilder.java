package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;

/** BOOLEAN values, collected as 0 or 1. */
final class BooleanBlockBuilder extends FixedWidthBlockBuilder {
    private boolean seenTrue;
    private boolean seenFalse;

    BooleanBlockBuilder(ColumnType type, int blockRows) {
        super(type, blockRows);
    }

    @Override
    protected void updateBounds(int start, int count) {
        for (int row = start; row < start + count; row++) {
            if (isValid(row)) {
                if (values[row] != 0) {
                    seenTrue = true;
                } else {
                    seenFalse = true;
                }
            }
        }
    }

    @Override
    protected void resetBounds() {
        seenTrue = false;
        seenFalse = false;
    }

    @Override
    ZoneMap zoneMap() {
        if (!seenTrue && !seenFalse) {
            return new ZoneMap(null, null, nullCount());
        }
        return new ZoneMap(!seenFalse, seenTrue, nullCount());
    }
}
