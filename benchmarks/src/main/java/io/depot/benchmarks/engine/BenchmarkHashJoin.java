package io.depot.benchmarks.engine;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.HashJoinOperator;
import io.depot.engine.operator.Operator;
import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.JoinType;
import io.depot.engine.plan.ValuesNode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
 * An INNER hash join on one BIGINT key: building the table on {@code buildRows} distinct keys,
 * then probing it with {@code probeRows} rows of which about half find their key. The inputs are
 * prepared column arrays, so the measurement is the join (plus packing its input and output
 * batches), not a scan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class BenchmarkHashJoin {
    private static final List<Column> BUILD_COLUMNS = List.of(
            Column.nullable("id", ColumnType.BIGINT), Column.nullable("payload", ColumnType.BIGINT));
    private static final List<Column> PROBE_COLUMNS = List.of(
            Column.nullable("key", ColumnType.BIGINT), Column.nullable("amount", ColumnType.BIGINT));

    @Param({"1000", "100000", "1000000"})
    public int buildRows;

    @Param("4000000")
    public int probeRows;

    private BufferAllocator allocator;
    private JoinNode join;
    private List<List<ColumnData>> buildBatches;
    private List<List<ColumnData>> probeBatches;
    private long expectedRows;

    @Setup(Level.Trial)
    public void setUp() {
        allocator = new RootAllocator();
        Random random = new Random(42);
        long[] ids = new long[buildRows];
        for (int i = 0; i < buildRows; i++) {
            ids[i] = i;
        }
        long[] keys = new long[probeRows];
        expectedRows = 0;
        for (int i = 0; i < probeRows; i++) {
            // Keys below buildRows match one build row each; the others, half of them, match none.
            keys[i] = random.nextInt(2 * buildRows);
            expectedRows += keys[i] < buildRows ? 1 : 0;
        }
        // A key column and a payload column (the values again).
        buildBatches = PreparedBatches.cut(ids, ids);
        probeBatches = PreparedBatches.cut(keys, keys);
        join = new JoinNode(new ValuesNode(PROBE_COLUMNS, List.of()), new ValuesNode(BUILD_COLUMNS, List.of()),
                JoinType.INNER, List.of(0), List.of(0), Optional.empty());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        allocator.close();
    }

    /** The number of joined rows, which {@link #expectedRows()} predicts. */
    @Benchmark
    public long buildAndProbe() {
        try (QueryMemory memory = new QueryMemory(allocator, "join", Long.MAX_VALUE / 2);
                Operator operator = new HashJoinOperator(
                        new PreparedBatches(PROBE_COLUMNS, probeBatches, memory.allocator()),
                        new PreparedBatches(BUILD_COLUMNS, buildBatches, memory.allocator()),
                        join, false, memory)) {
            return OperatorOutput.countRows(operator);
        }
    }

    public long expectedRows() {
        return expectedRows;
    }
}
