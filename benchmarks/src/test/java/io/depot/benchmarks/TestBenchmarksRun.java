package io.depot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.depot.benchmarks.engine.BenchmarkFilterKernel;
import io.depot.benchmarks.engine.BenchmarkHashAggregation;
import io.depot.benchmarks.engine.BenchmarkHashJoin;
import io.depot.benchmarks.engine.BenchmarkSort;
import io.depot.benchmarks.sql.BenchmarkSqlAggregation;
import io.depot.benchmarks.storage.BenchmarkBitmapFilter;
import io.depot.benchmarks.storage.BenchmarkBlockDecode;
import io.depot.benchmarks.storage.BenchmarkCsvLoad;
import io.depot.benchmarks.storage.BenchmarkLz4Decompression;
import io.depot.benchmarks.storage.BenchmarkSegmentScan;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs each benchmark once on little data, so a broken benchmark fails the build, not a benchmark run. */
class TestBenchmarksRun {
    @Test
    void segmentScanSumsTheColumn() {
        BenchmarkSegmentScan benchmark = new BenchmarkSegmentScan();
        benchmark.rows = 150_000;
        benchmark.setUp();
        try {
            long first = benchmark.scanAndSumColumn();
            assertThat(first).isPositive().isEqualTo(benchmark.scanAndSumColumn());
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void bitmapFilterAnswersAlikeWithAndWithoutIndexes() {
        BenchmarkBitmapFilter benchmark = new BenchmarkBitmapFilter();
        benchmark.scaleFactor = 0.01;
        benchmark.setUp();
        try {
            long expected = benchmark.storageWithoutIndex();
            assertThat(expected).isPositive();
            assertThat(benchmark.storageWithIndex()).isEqualTo(expected);
            assertThat(benchmark.engineWithIndex()).isEqualTo(expected);
            assertThat(benchmark.engineWithoutIndex()).isEqualTo(expected);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void sqlAggregationReturnsRows() {
        BenchmarkSqlAggregation benchmark = new BenchmarkSqlAggregation();
        benchmark.rows = 150_000;
        benchmark.sql = "SELECT category, COUNT(*), SUM(amount) FROM events WHERE amount > 500000 GROUP BY category";
        benchmark.setUp();
        try {
            assertThat(benchmark.query()).isEqualTo(5);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void hashJoinReturnsTheMatchingRows() {
        BenchmarkHashJoin benchmark = new BenchmarkHashJoin();
        benchmark.buildRows = 1_000;
        benchmark.probeRows = 150_000;
        benchmark.setUp();
        try {
            assertThat(benchmark.buildAndProbe()).isPositive().isEqualTo(benchmark.expectedRows());
            assertThat(benchmark.buildAndProbe()).isEqualTo(benchmark.expectedRows());
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN_BIGINT", "DELTA_BIGINT", "RUN_LENGTH_BOOLEAN", "DICTIONARY_VARCHAR"})
    void blockDecodeReadsTheWholeBlock(String encodingAndType) throws IOException {
        BenchmarkBlockDecode benchmark = new BenchmarkBlockDecode();
        benchmark.encodingAndType = encodingAndType;
        benchmark.setUp();
        try {
            assertThat(benchmark.decodeBlock()).isEqualTo(65_536);
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @CsvSource({"BIGINT, SAFE", "BIGINT, FAST", "TEXT, SAFE", "TEXT, FAST"})
    void lz4DecompressionRestoresTheBlock(String block, String decompressor) {
        BenchmarkLz4Decompression benchmark = new BenchmarkLz4Decompression();
        benchmark.block = block;
        benchmark.decompressor = decompressor;
        // Checks the round trip itself, and fails when it differs.
        benchmark.setUp();
        assertThat(benchmark.decompress()).isEqualTo(benchmark.decompress());
        assertThat(benchmark.compressionRatio()).isGreaterThan(1.5);
    }

    @ParameterizedTest
    @CsvSource({"BIGINT, 0.01", "DOUBLE, 0.5", "VARCHAR, 0.9"})
    void filterKernelPassesTheSelectedShare(String type, double selectivity) {
        BenchmarkFilterKernel benchmark = new BenchmarkFilterKernel();
        benchmark.type = type;
        benchmark.selectivity = selectivity;
        benchmark.rows = 150_000;
        benchmark.setUp();
        try {
            assertThat(benchmark.filter()).isEqualTo(benchmark.expectedRows());
            assertThat((double) benchmark.expectedRows() / benchmark.rows).isCloseTo(selectivity, within(0.01));
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 10_000})
    void hashAggregationFindsEveryGroup(int groups) {
        BenchmarkHashAggregation benchmark = new BenchmarkHashAggregation();
        benchmark.groups = groups;
        benchmark.rows = 150_000;
        benchmark.setUp();
        try {
            assertThat(benchmark.aggregate()).isEqualTo(groups);
            assertThat(benchmark.aggregate()).isEqualTo(groups);
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ONE_KEY", "TWO_KEYS"})
    void sortReturnsEveryRow(String keys) {
        BenchmarkSort benchmark = new BenchmarkSort();
        benchmark.keys = keys;
        benchmark.rows = 150_000;
        benchmark.setUp();
        try {
            assertThat(benchmark.sort()).isEqualTo(150_000);
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GIVEN", "INFERRED"})
    void csvLoadLoadsEveryRow(String schema) throws IOException {
        BenchmarkCsvLoad benchmark = new BenchmarkCsvLoad();
        benchmark.schema = schema;
        benchmark.rows = 20_000;
        benchmark.setUp();
        try {
            assertThat(benchmark.load()).isEqualTo(20_000);
        } finally {
            benchmark.tearDown();
        }
    }
}
