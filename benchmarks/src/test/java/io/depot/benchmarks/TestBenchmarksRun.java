package io.depot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.benchmarks.engine.BenchmarkHashJoin;
import io.depot.benchmarks.sql.BenchmarkSqlAggregation;
import io.depot.benchmarks.storage.BenchmarkBitmapFilter;
import io.depot.benchmarks.storage.BenchmarkSegmentScan;
import org.junit.jupiter.api.Test;

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
}
