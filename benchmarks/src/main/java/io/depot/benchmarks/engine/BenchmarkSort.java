package io.depot.benchmarks.engine;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.Operator;
import io.depot.engine.operator.SortOperator;
import io.depot.engine.plan.SortKey;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.List;
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
 * ORDER BY over {@code rows} rows of two BIGINT columns: on one random key, or on a key with few
 * distinct values (so most comparisons fall through to the second key) then the other column
 * descending. Measures reading the input, sorting row indexes and gathering the output.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class BenchmarkSort {
    private static final List<Column> COLUMNS = List.of(
            Column.nullable("key", ColumnType.BIGINT), Column.nullable("amount", ColumnType.BIGINT));

    @Param({"100000", "1000000"})
    public int rows;

    @Param({"ONE_KEY", "TWO_KEYS"})
    public String keys;

    private BufferAllocator allocator;
    private List<SortKey> sortKeys;
    private List<List<ColumnData>> batches;

    @Setup(Level.Trial)
    public void setUp() {
        allocator = new RootAllocator();
        SplittableRandom random = new SplittableRandom(42);
        boolean twoKeys = keys.equals("TWO_KEYS");
        long[] first = new long[rows];
        long[] second = new long[rows];
        for (int i = 0; i < rows; i++) {
            first[i] = twoKeys ? random.nextInt(16) : random.nextLong();
            second[i] = random.nextInt(1_000_000);
        }
        batches = PreparedBatches.cut(first, second);
        sortKeys = twoKeys ? List.of(SortKey.ascending(0), SortKey.descending(1)) : List.of(SortKey.ascending(0));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        allocator.close();
    }

    /** The number of rows out, which is {@code rows}. */
    @Benchmark
    public long sort() {
        try (QueryMemory memory = new QueryMemory(allocator, "sort", Long.MAX_VALUE / 2);
                Operator operator = new SortOperator(new PreparedBatches(COLUMNS, batches, memory.allocator()),
                        sortKeys, memory)) {
            return OperatorOutput.countRows(operator);
        }
    }
}
