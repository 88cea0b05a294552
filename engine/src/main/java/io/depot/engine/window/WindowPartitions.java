package io.depot.engine.window;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.sort.RowComparator;
import io.depot.engine.sort.SortKeyComparators;
import java.util.ArrayList;
import java.util.List;

/**
 * The partitions and peer groups of rows already sorted by partition keys, then order keys: for
 * every row, where its partition and its peer group (rows equal on every order key) start and end.
 * NULL keys equal each other.
 */
final class WindowPartitions {
    final int[] partitionStart;
    final int[] partitionEnd;
    final int[] peerStart;
    final int[] peerEnd;

    private WindowPartitions(int size) {
        partitionStart = new int[size];
        partitionEnd = new int[size];
        peerStart = new int[size];
        peerEnd = new int[size];
    }

    /** @param partitionKeys sorted data of the partition key columns; orderKeys likewise */
    static WindowPartitions of(int size, List<ColumnData> partitionKeys, List<ColumnData> orderKeys) {
        WindowPartitions result = new WindowPartitions(size);
        RowComparator partition = equality(partitionKeys);
        RowComparator peers = equality(orderKeys);
        fill(size, partition, result.partitionStart, result.partitionEnd, null);
        fill(size, peers, result.peerStart, result.peerEnd, result.partitionStart);
        return result;
    }

    /** Runs of consecutive equal rows; a run never crosses the start of a partition. */
    private static void fill(int size, RowComparator equal, int[] starts, int[] ends, int[] partitionStarts) {
        int start = 0;
        for (int row = 1; row <= size; row++) {
            boolean boundary = row == size
                    || equal.compare(row - 1, row) != 0
                    || (partitionStarts != null && partitionStarts[row] == row);
            if (boundary) {
                for (int r = start; r < row; r++) {
                    starts[r] = start;
                    ends[r] = row;
                }
                start = row;
            }
        }
    }

    private static RowComparator equality(List<ColumnData> keys) {
        if (keys.isEmpty()) {
            return (left, right) -> 0;
        }
        List<RowComparator> comparators = new ArrayList<>(keys.size());
        for (ColumnData key : keys) {
            comparators.add(SortKeyComparators.forKey(key, false, false));
        }
        return SortKeyComparators.lexicographic(comparators);
    }
}
