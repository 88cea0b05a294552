package io.depot.benchmarks.engine;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.HashAggregateOperator;
import io.depot.engine.operator.Operator;
import io.depot.engine.plan.AggregateCall;
import io.depot.engine.plan.AggregateFunction;
import io.depot.engine.plan.AggregateNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
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
 * {@code SELECT key, COUNT(*), SUM(amount), MAX(amount) GROUP BY key} over {@code rows} rows with
 * {@code groups} distinct BIGINT keys in random order: few groups stay in cache, a million
 * groups measure the hash table's misses and growth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class BenchmarkHashAggregation {
    private static final List<Column> INPUT_COLUMNS = List.of(
            Column.nullable("key", ColumnType.BIGINT), Column.nullable("amount", ColumnType.BIGINT));
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "n"),
            new AggregateCall(AggregateFunction.SUM, OptionalInt.of(1), false, ColumnType.BIGINT, "total"),
            new AggregateCall(AggregateFunction.MAX, OptionalInt.of(1), false, ColumnType.BIGINT, "largest"));

    @Param({"10", "10000", "1000000"})
    public int groups;

    @Param("4000000")
    public int rows;

    private BufferAllocator allocator;
    private List<Column> outputColumns;
    private List<List<ColumnData>> batches;

    @Setup(Level.Trial)
    public void setUp() {
        allocator = new RootAllocator();
        SplittableRandom random = new SplittableRandom(42);
        long[] keys = new long[rows];
        long[] amounts = new long[rows];
        for (int i = 0; i < rows; i++) {
            // Every group appears at least once when there are at least as many rows as groups.
            keys[i] = i < groups ? i : random.nextInt(groups);
            amounts[i] = random.nextInt(1_000_000);
        }
        batches = PreparedBatches.cut(keys, amounts);
        outputColumns = new AggregateNode(new ValuesNode(INPUT_COLUMNS, List.of()), List.of(0), CALLS).columns();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        allocator.close();
    }

    /** The number of groups, which is {@code groups} when there are at least that many rows. */
    @Benchmark
    public long aggregate() {
        try (QueryMemory memory = new QueryMemory(allocator, "aggregate", Long.MAX_VALUE / 2);
                Operator operator = new HashAggregateOperator(
                        new PreparedBatches(INPUT_COLUMNS, batches, memory.allocator()),
                        List.of(0), CALLS, outputColumns, memory)) {
            return OperatorOutput.countRows(operator);
        }
    }
}
