package io.depot.benchmarks.storage;

import io.depot.benchmarks.GeneratedTable;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
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
 * Decoding one BIGINT column of a table from its segments and summing it: the storage read path
 * (file read, checksum, LZ4, decode into Arrow) without the query engine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class BenchmarkSegmentScan {
    @Param("4000000")
    public long rows;

    private Database database;
    private Snapshot snapshot;

    @Setup(Level.Trial)
    public void setUp() {
        database = Database.temporary();
        GeneratedTable.write(database, "events", rows, 42);
        snapshot = database.table("events").orElseThrow().snapshot();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public long scanAndSumColumn() {
        long sum = 0;
        int[] amountColumn = {1};
        for (int s = 0; s < snapshot.segmentCount(); s++) {
            try (SegmentReader segment = snapshot.openSegment(s)) {
                for (int block = 0; block < segment.blockCount(); block++) {
                    try (VectorSchemaRoot batch = segment.readBlock(block, amountColumn, database.allocator())) {
                        BigIntVector amounts = (BigIntVector) batch.getVector(0);
                        int count = batch.getRowCount();
                        for (int i = 0; i < count; i++) {
                            sum += amounts.get(i);
                        }
                    }
                }
            }
        }
        return sum;
    }
}
