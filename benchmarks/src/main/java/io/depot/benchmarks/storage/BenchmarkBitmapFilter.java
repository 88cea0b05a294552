package io.depot.benchmarks.storage;

import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code l_shipdate = DATE '1995-03-15'} over TPC-H lineitem (about 0.04% of the rows): answered
 * from the bitmap indexes vs decoding and comparing every value, in the engine and in storage.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class BenchmarkBitmapFilter {
    static final LocalDate DAY = LocalDate.of(1995, 3, 15);

    @Param("0.1")
    public double scaleFactor;

    private Database database;
    private Snapshot snapshot;

    @Setup(Level.Trial)
    public void setUp() {
        database = Database.temporary();
        LineItemTable.write(database, scaleFactor, List.of("l_shipdate"));
        snapshot = database.table("lineitem").orElseThrow().snapshot();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public long engineWithIndex() {
        return LineItemFilters.engineWithIndex(snapshot, DAY, database.allocator());
    }

    @Benchmark
    public long engineWithoutIndex() {
        return LineItemFilters.engineWithoutIndex(snapshot, DAY, database.allocator());
    }

    @Benchmark
    public long storageWithIndex() {
        return LineItemFilters.storageWithIndex(snapshot, DAY);
    }

    @Benchmark
    public long storageWithoutIndex() {
        return LineItemFilters.storageWithoutIndex(snapshot, DAY, database.allocator());
    }
}
