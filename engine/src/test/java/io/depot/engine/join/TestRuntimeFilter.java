package io.depot.engine.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** A runtime filter never rejects a build key, and rejects most other values. */
class TestRuntimeFilter {
    @Test
    void denseKeysGetAnExactBitmap() {
        Random random = new Random(1);
        long[] values = new long[5_000];
        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < values.length; i++) {
            values[i] = 1_000 + random.nextInt(100_000);
            keys.add(values[i]);
        }
        RuntimeFilter filter = RuntimeFilter.of(values, null, values.length, true);
        assertThat(filter.isExact()).isTrue();
        for (long value = 0; value < 102_000; value++) {
            assertThat(filter.mightContain(value)).as("value %d", value).isEqualTo(keys.contains(value));
        }
    }

    @Test
    void sparseKeysGetABloomFilterWithFewFalsePositives() {
        Random random = new Random(2);
        int size = 20_000;
        long[] values = new long[size];
        boolean[] excluded = new boolean[size];
        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < size; i++) {
            values[i] = random.nextLong();
            excluded[i] = i % 10 == 3;
            if (!excluded[i]) {
                keys.add(values[i]);
            }
        }
        RuntimeFilter filter = RuntimeFilter.of(values, excluded, size, true);
        assertThat(filter.isExact()).isFalse();
        assertThat(filter.hasSet()).isTrue();
        assertThat(filter.keyCount()).isEqualTo(18_000);
        for (long key : keys) {
            assertThat(filter.mightContain(key)).isTrue();
        }
        int falsePositives = 0;
        int excludedPassing = 0;
        for (int i = 0; i < 100_000; i++) {
            long value = random.nextLong();
            falsePositives += !keys.contains(value) && filter.mightContain(value) ? 1 : 0;
        }
        for (int i = 0; i < size; i++) {
            excludedPassing += excluded[i] && filter.mightContain(values[i]) ? 1 : 0;
        }
        // 16 bits and four hashes per key: well under 3% false positives
        assertThat(falsePositives).isLessThan(3_000);
        assertThat(excludedPassing).isLessThan(2_000 * 3 / 100 + 10);
    }

    @Test
    void retainKeepsExactlyTheValuesMightContainPasses() {
        Random random = new Random(3);
        long[] dense = random.longs(3_000, -500, 40_000).toArray();
        long[] sparse = random.longs(3_000).toArray();
        for (long[] build : List.of(dense, sparse)) {
            for (boolean withSet : List.of(true, false)) {
                RuntimeFilter filter = RuntimeFilter.of(build, null, build.length, withSet);
                int count = 10_000;
                long[] values = new long[count];
                boolean[] nulls = new boolean[count];
                int[] positions = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = i % 3 == 0 ? build[random.nextInt(build.length)]
                            : build == dense ? random.nextLong(-1_000, 41_000) : random.nextLong();
                    nulls[i] = i % 11 == 0;
                    positions[i] = 2 * i + 1;
                }
                int[] kept = new int[count];
                int passed = filter.retain(values, nulls, positions, count, kept);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (!nulls[i] && filter.mightContain(values[i])) {
                        expected.add(positions[i]);
                    }
                    if (!nulls[i] && i % 3 == 0) {
                        assertThat(filter.mightContain(values[i])).isTrue();
                    }
                }
                assertThat(Arrays.stream(kept, 0, passed).boxed().toList()).isEqualTo(expected);
                int withoutPositions = filter.retain(values, null, null, count, kept);
                assertThat(withoutPositions).isGreaterThanOrEqualTo(passed);
                assertThat(kept[0]).isZero();
            }
        }
    }

    @Test
    void retainInMemoryKeepsWhatRetainOverArraysKeeps() {
        Random random = new Random(4);
        long[] dense = random.longs(3_000, -500, 40_000).toArray();
        long[] sparse = random.ints(3_000).asLongStream().toArray();
        long[] wide = random.longs(3_000).toArray();
        int count = 10_000;
        try (BufferAllocator allocator = new RootAllocator();
                ArrowBuf ints = allocator.buffer(4L * 2 * count);
                ArrowBuf longs = allocator.buffer(8L * 2 * count)) {
            for (long[] build : List.of(dense, sparse, wide)) {
                for (boolean withSet : List.of(true, false)) {
                    RuntimeFilter filter = RuntimeFilter.of(build, null, build.length, withSet);
                    boolean fitsInts = build != wide;
                    // slots 2i + 1 hold the candidates, the even slots values that must never be read
                    long[] values = new long[count];
                    int[] positions = new int[count];
                    for (int i = 0; i < count; i++) {
                        values[i] = i % 3 == 0 ? build[random.nextInt(build.length)]
                                : build == dense ? random.nextLong(-1_000, 41_000)
                                : fitsInts ? random.nextInt() : random.nextLong();
                        positions[i] = 2 * i + 1;
                        ints.setInt(4L * positions[i], (int) values[i]);
                        ints.setInt(8L * i, (int) build[0]);
                        longs.setLong(8L * positions[i], values[i]);
                        longs.setLong(16L * i, build[0]);
                    }
                    int[] expected = new int[count];
                    int expectedCount = filter.retain(values, null, positions, count, expected);
                    for (ArrowBuf buffer : fitsInts ? List.of(ints, longs) : List.of(longs)) {
                        int width = buffer == ints ? 4 : 8;
                        int[] kept = new int[2 * count];
                        int passed = filter.retain(buffer.memoryAddress(), width, 2 * count, positions, count, kept);
                        assertThat(Arrays.copyOf(kept, passed)).as("width %d, %s", width, filter)
                                .isEqualTo(Arrays.copyOf(expected, expectedCount));
                        // without positions: every slot, the even ones all build keys
                        int all = filter.retain(buffer.memoryAddress(), width, 2 * count, null, 2 * count, kept);
                        assertThat(all).isEqualTo(passed + count);
                        assertThatThrownBy(() -> filter.retain(buffer.memoryAddress(), width, 2 * count - 2, positions,
                                count, new int[count])).isInstanceOf(IndexOutOfBoundsException.class);
                    }
                }
            }
        }
    }

    @Test
    void smallRangesGetABitmapHoweverFewKeys() {
        // 200 keys over 200,000 values (TPC-H's part keys) test faster by a 25 KB bitmap than by hashing
        long[] keys = new Random(5).longs(200, 1, 200_001).toArray();
        RuntimeFilter filter = RuntimeFilter.of(keys, null, keys.length, true);
        assertThat(filter.isExact()).isTrue();
        for (long key : keys) {
            assertThat(filter.mightContain(key)).isTrue();
        }
        assertThat(filter.mightContain(0)).isFalse();
        assertThat(filter.mightContain(200_001)).isFalse();
    }

    @Test
    void extremeValuesDoNotOverflowTheRange() {
        long[] values = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
        RuntimeFilter filter = RuntimeFilter.of(values, null, values.length, true);
        for (long value : values) {
            assertThat(filter.mightContain(value)).isTrue();
        }
        assertThat(filter.isExact()).isFalse();
        assertThat(filter.mightContainRange(Long.MIN_VALUE, Long.MIN_VALUE)).isTrue();
        long[] adjacent = {Long.MAX_VALUE - 1, Long.MAX_VALUE};
        RuntimeFilter small = RuntimeFilter.of(adjacent, null, 2, true);
        assertThat(small.isExact()).isTrue();
        assertThat(small.mightContain(Long.MAX_VALUE)).isTrue();
        assertThat(small.mightContain(Long.MAX_VALUE - 2)).isFalse();
    }

    @Test
    void onlyExcludedOrNoRowsMakeAnEmptyFilter() {
        RuntimeFilter none = RuntimeFilter.of(new long[0], null, 0, true);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.mightContain(0)).isFalse();
        assertThat(none.mightContainRange(Long.MIN_VALUE, Long.MAX_VALUE)).isFalse();
        RuntimeFilter allNull = RuntimeFilter.of(new long[] {5, 6}, new boolean[] {true, true}, 2, true);
        assertThat(allNull.isEmpty()).isTrue();
        assertThat(allNull.mightContain(5)).isFalse();
    }

    @Test
    void aRangeOnlyFilterPassesEveryValueInRange() {
        RuntimeFilter filter = RuntimeFilter.of(new long[] {10, 20, 30}, null, 3, false);
        assertThat(filter.hasSet()).isFalse();
        assertThat(filter.mightContain(15)).isTrue();
        assertThat(filter.mightContain(9)).isFalse();
        assertThat(filter.mightContain(31)).isFalse();
        assertThat(filter.mightContainRange(31, 40)).isFalse();
        assertThat(filter.mightContainRange(0, 10)).isTrue();
    }
}
