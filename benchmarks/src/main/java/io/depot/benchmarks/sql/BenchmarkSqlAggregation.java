package io.depot.benchmarks.sql;

import io.depot.benchmarks.GeneratedTable;
import io.depot.engine.exec.ResultStream;
import io.depot.sql.DepotSql;
import io.depot.sql.PreparedSql;
import java.util.concurrent.TimeUnit;
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

/** Whole queries through the SQL front end and the engine over a generated table. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class BenchmarkSqlAggregation {
    @Param("4000000")
    public long rows;

    @Param({
        "SELECT SUM(amount) FROM events",
        "SELECT category, COUNT(*), SUM(amount) FROM events WHERE amount > 500000 GROUP BY category"
    })
    public String sql;

    private DepotSql depot;
    private PreparedSql prepared;

    @Setup(Level.Trial)
    public void setUp() {
        depot = DepotSql.temporary();
        GeneratedTable.write(depot.database(), "events", rows, 42);
        prepared = depot.prepare(sql);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        depot.close();
    }

    @Benchmark
    public long query() {
        long rowsOut = 0;
        try (ResultStream result = prepared.executeQuery()) {
            for (VectorSchemaRoot next = result.next(); next != null; next = result.next()) {
                try (VectorSchemaRoot batch = next) {
                    rowsOut += batch.getRowCount();
                }
            }
        }
        return rowsOut;
    }
}
