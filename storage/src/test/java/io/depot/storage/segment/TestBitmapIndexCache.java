package io.depot.storage.segment;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class TestBitmapIndexCache extends AllocatorTest {
    private static final TableSchema SCHEMA = TableSchema.of(Column.nullable("city", ColumnType.VARCHAR));
    private static final int BLOCK_ROWS = 1024;

    @TempDir
    Path directory;

    @Test
    void repeatedSelectionsAreAnsweredFromTheCacheWithTheSameRows() {
        Path file = directory.resolve("cities.dseg");
        write(file, List.of("서울", "부산", "대구"), 3 * BLOCK_ROWS);
        BitmapIndexCache cache = new BitmapIndexCache(BitmapIndexCache.DEFAULT_CAPACITY_BYTES);
        List<RoaringBitmap> uncached = select(file, null, "부산");
        List<RoaringBitmap> first = select(file, cache, "부산");
        assertThat(cache.size()).isEqualTo(3);
        long used = cache.usedBytes();
        assertThat(used).isPositive();
        List<RoaringBitmap> second = select(file, cache, "부산");
        assertThat(select(file, cache, "서울")).isNotEqualTo(second);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.usedBytes()).isEqualTo(used);
        assertThat(first).isEqualTo(uncached).isEqualTo(second);
        assertThat(first.get(0).getCardinality()).isEqualTo(BLOCK_ROWS / 3 + (BLOCK_ROWS % 3 > 1 ? 1 : 0));
    }

    @Test
    void aFileRewrittenUnderTheSameNameIsReadAfresh() {
        Path file = directory.resolve("rewritten.dseg");
        BitmapIndexCache cache = new BitmapIndexCache(BitmapIndexCache.DEFAULT_CAPACITY_BYTES);
        write(file, List.of("서울", "부산"), BLOCK_ROWS);
        assertThat(select(file, cache, "부산").get(0).getCardinality()).isEqualTo(BLOCK_ROWS / 2);
        write(file, List.of("서울", "부산", "광주", "대전"), BLOCK_ROWS);
        assertThat(select(file, cache, "부산").get(0).getCardinality()).isEqualTo(BLOCK_ROWS / 4);
        assertThat(select(file, cache, "광주").get(0).getCardinality()).isEqualTo(BLOCK_ROWS / 4);
    }

    @Test
    void evictsTheLeastRecentlyUsedPastItsBudget() {
        Path file = directory.resolve("many.dseg");
        write(file, List.of("a", "b", "c", "d"), 8 * BLOCK_ROWS);
        long oneIndex;
        BitmapIndexCache probe = new BitmapIndexCache(BitmapIndexCache.DEFAULT_CAPACITY_BYTES);
        select(file, probe, "a");
        oneIndex = probe.usedBytes() / 8;
        BitmapIndexCache small = new BitmapIndexCache(3 * oneIndex);
        List<RoaringBitmap> expected = select(file, null, "c");
        assertThat(select(file, small, "c")).isEqualTo(expected);
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.usedBytes()).isLessThanOrEqualTo(3 * oneIndex);
        assertThat(select(file, small, "c")).isEqualTo(expected);

        BitmapIndexCache tiny = new BitmapIndexCache(oneIndex - 1);
        assertThat(select(file, tiny, "c")).isEqualTo(expected);
        assertThat(tiny.size()).isZero();
        assertThat(tiny.usedBytes()).isZero();
    }

    /** Per block, the rows whose city equals {@code city}. */
    private static List<RoaringBitmap> select(Path file, BitmapIndexCache cache, String city) {
        List<RoaringBitmap> selections = new ArrayList<>();
        try (SegmentReader reader = SegmentReader.open(file, new RoaringBitmap(), cache)) {
            for (int block = 0; block < reader.blockCount(); block++) {
                selections.add(reader.selectRows(block, RowPredicate.equal(0, city)).orElseThrow());
            }
        }
        return selections;
    }

    private void write(Path file, List<String> cycle, int rowCount) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<Object>> rows = new ArrayList<>(rowCount);
        for (int i = 0; i < rowCount; i++) {
            rows.add(row(cycle.get(i % cycle.size())));
        }
        try (SegmentWriter writer = SegmentWriter.create(file, SCHEMA, BLOCK_ROWS, Set.of(0));
                VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, rows)) {
            writer.append(batch);
            writer.finish();
        }
    }
}
