package io.depot.engine.window;

import io.depot.engine.batch.ColumnData;
import io.depot.storage.type.ColumnType;
import java.util.List;

/**
 * Results that are values of other rows (LAG, LEAD, FIRST_VALUE, LAST_VALUE, MIN, MAX): chosen
 * as positions first, then gathered once.
 */
final class IndexedValues {
    /** The position meaning "no row": the default value (NULL unless LAG/LEAD give one). */
    static final int NONE = -1;

    private IndexedValues() {}

    /** Row {@code i} is {@code data}'s row {@code positions[i]}, or {@code defaultValue}'s one row for NONE. */
    static ColumnData gather(ColumnData data, ColumnType type, int[] positions, ColumnData defaultValue) {
        boolean anyNone = false;
        for (int position : positions) {
            anyNone |= position == NONE;
        }
        if (!anyNone) {
            return data.gather(positions, positions.length);
        }
        ColumnData withDefault = ColumnData.concat(type, List.of(data, defaultValue));
        int[] mapped = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            mapped[i] = positions[i] == NONE ? data.size() : positions[i];
        }
        return withDefault.gather(mapped, mapped.length);
    }
}
