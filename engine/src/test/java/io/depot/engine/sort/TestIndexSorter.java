package io.depot.engine.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestIndexSorter {
    @Test
    void matchesAStableSortOnRandomKeysWithManyTies() {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 2, 23, 24, 25, 1_000, 100_003}) {
            int[] keys = new int[size];
            for (int i = 0; i < size; i++) {
                keys[i] = random.nextInt(50);
            }
            int[] sorted = IndexSorter.sortedIndexes(size, (left, right) -> Integer.compare(keys[left], keys[right]));
            // Arrays.sort on objects is a stable merge sort too.
            Integer[] expected = new Integer[size];
            for (int i = 0; i < size; i++) {
                expected[i] = i;
            }
            Arrays.sort(expected, Comparator.comparingInt(i -> keys[i]));
            assertThat(sorted).containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void alreadySortedAndReversedInputs() {
        int size = 10_000;
        assertThat(IndexSorter.sortedIndexes(size, Integer::compare)).isSorted();
        int[] reversed = IndexSorter.sortedIndexes(size, (left, right) -> Integer.compare(right, left));
        assertThat(reversed[0]).isEqualTo(size - 1);
        assertThat(reversed[size - 1]).isZero();
    }
}
