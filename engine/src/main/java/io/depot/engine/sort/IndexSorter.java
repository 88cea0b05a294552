package io.depot.engine.sort;

/**
 * A stable merge sort of row indexes, so the data itself never moves until it is gathered once
 * in sorted order.
 */
public final class IndexSorter {
    private static final int INSERTION_SORT_THRESHOLD = 24;

    private IndexSorter() {}

    /** The indexes {@code 0..size)} ordered by the comparator, equal rows keeping their order. */
    public static int[] sortedIndexes(int size, RowComparator comparator) {
        int[] indexes = new int[size];
        for (int i = 0; i < size; i++) {
            indexes[i] = i;
        }
        int[] scratch = indexes.clone();
        mergeSort(scratch, indexes, 0, size, comparator);
        return indexes;
    }

    /** Sorts {@code target[from..to)}, using {@code source} (an equal copy) as scratch space. */
    private static void mergeSort(int[] source, int[] target, int from, int to, RowComparator comparator) {
        int length = to - from;
        if (length <= INSERTION_SORT_THRESHOLD) {
            insertionSort(target, from, to, comparator);
            return;
        }
        int middle = (from + to) >>> 1;
        // Sort both halves of source (with target as scratch), then merge them into target.
        mergeSort(target, source, from, middle, comparator);
        mergeSort(target, source, middle, to, comparator);
        if (comparator.compare(source[middle - 1], source[middle]) <= 0) {
            System.arraycopy(source, from, target, from, length);
            return;
        }
        int left = from;
        int right = middle;
        for (int out = from; out < to; out++) {
            if (right >= to || (left < middle && comparator.compare(source[left], source[right]) <= 0)) {
                target[out] = source[left++];
            } else {
                target[out] = source[right++];
            }
        }
    }

    private static void insertionSort(int[] indexes, int from, int to, RowComparator comparator) {
        for (int i = from + 1; i < to; i++) {
            int current = indexes[i];
            int j = i - 1;
            while (j >= from && comparator.compare(indexes[j], current) > 0) {
                indexes[j + 1] = indexes[j];
                j--;
            }
            indexes[j + 1] = current;
        }
    }
}
