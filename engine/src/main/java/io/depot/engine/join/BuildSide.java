package io.depot.engine.join;

import io.depot.engine.batch.ColumnData;
import java.util.ArrayList;
import java.util.List;

/**
 * The buffered build input of a hash join: all of its columns, its keys, the hash table over
 * them and, when the join must find the build rows nothing matched, their match flags.
 */
public final class BuildSide {
    private final List<ColumnData> columns;
    private final int rowCount;
    private final JoinKeys keys;
    private final JoinHashTable table;
    private final MatchFlags matches;

    /**
     * @param columns every column of the build input, all rows
     * @param keyColumns the indexes of the key columns among them
     * @param tracksMatches whether to keep match flags (RIGHT and FULL joins)
     */
    public BuildSide(List<ColumnData> columns, int rowCount, List<Integer> keyColumns, boolean tracksMatches) {
        this.columns = List.copyOf(columns);
        this.rowCount = rowCount;
        List<ColumnData> keyData = new ArrayList<>(keyColumns.size());
        for (int key : keyColumns) {
            keyData.add(columns.get(key));
        }
        this.keys = JoinKeys.of(keyData, rowCount);
        this.table = JoinHashTable.build(keys);
        this.matches = tracksMatches ? new MatchFlags(rowCount) : null;
    }

    /** Heap bytes the side holds beyond its columns, to reserve before constructing it. */
    public static long estimatedBytes(int rowCount, int keyCount, boolean tracksMatches) {
        return JoinKeys.estimatedBytes(rowCount, keyCount) + JoinHashTable.estimatedBytes(rowCount)
                + (tracksMatches ? rowCount : 0);
    }

    /** Column {@code index} of the build input, all rows. */
    public ColumnData column(int index) {
        return columns.get(index);
    }

    public int rowCount() {
        return rowCount;
    }

    public JoinKeys keys() {
        return keys;
    }

    public JoinHashTable table() {
        return table;
    }

    /** The rows' match flags, or null when the join does not track them. */
    public MatchFlags matches() {
        return matches;
    }
}
