package io.depot.benchmarks.engine;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchBuilder;
import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.expression.ExpressionCompiler;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Kernel;
import io.depot.engine.expression.Literal;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
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
 * A filter's comparison kernel, {@code value < constant}, over a million rows in Arrow batches:
 * reading the column out of the batch, comparing, and counting the TRUE rows as the filter's
 * selection loop does. The constant is chosen so that {@code selectivity} of the rows pass.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class BenchmarkFilterKernel {
    /** Values are uniform in [0, RANGE), so a constant of selectivity * RANGE passes that share. */
    private static final int RANGE = 1_000_000;

    @Param({"BIGINT", "DOUBLE", "VARCHAR"})
    public String type;

    @Param({"0.01", "0.1", "0.5", "0.9"})
    public double selectivity;

    @Param("1048576")
    public int rows;

    private BufferAllocator allocator;
    private List<Batch> batches;
    private Kernel condition;
    private long expectedRows;

    @Setup(Level.Trial)
    public void setUp() {
        allocator = new RootAllocator();
        ColumnType columnType = switch (type) {
            case "BIGINT" -> ColumnType.BIGINT;
            case "DOUBLE" -> ColumnType.DOUBLE;
            case "VARCHAR" -> ColumnType.VARCHAR;
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
        List<Column> columns = List.of(Column.nullable("value", columnType));
        int threshold = (int) Math.round(selectivity * RANGE);
        SplittableRandom random = new SplittableRandom(42);
        batches = new ArrayList<>();
        expectedRows = 0;
        for (int from = 0; from < rows; from += Batch.MAX_ROWS) {
            int count = Math.min(Batch.MAX_ROWS, rows - from);
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                values[i] = random.nextInt(RANGE);
                expectedRows += values[i] < threshold ? 1 : 0;
            }
            batches.add(BatchBuilder.build(columns, List.of(columnData(columnType, values)), count, allocator));
        }
        Literal constant = switch (type) {
            case "BIGINT" -> new Literal((long) threshold, columnType);
            case "DOUBLE" -> new Literal((double) threshold, columnType);
            default -> new Literal(text(threshold), columnType);
        };
        condition = ExpressionCompiler.compile(Call.of(Function.LESS_THAN, ColumnType.BOOLEAN,
                new ColumnReference(0, columnType, true), constant));
    }

    /** The values as the column type: numbers as they are, text zero-padded so it sorts like them. */
    private static ColumnData columnData(ColumnType type, int[] values) {
        int count = values.length;
        return switch (type.kind()) {
            case BIGINT -> {
                long[] longs = new long[count];
                for (int i = 0; i < count; i++) {
                    longs[i] = values[i];
                }
                yield new LongData(longs, null, count);
            }
            case DOUBLE -> {
                double[] doubles = new double[count];
                for (int i = 0; i < count; i++) {
                    doubles[i] = values[i];
                }
                yield new DoubleData(doubles, null, count);
            }
            default -> {
                StringData.Builder strings = new StringData.Builder(count, count * 8);
                for (int value : values) {
                    strings.append(text(value));
                }
                yield strings.build();
            }
        };
    }

    private static String text(int value) {
        return String.format("v%07d", value);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        batches.forEach(Batch::close);
        allocator.close();
    }

    /** The number of rows that pass, which {@link #expectedRows()} predicts. */
    @Benchmark
    public long filter() {
        long passed = 0;
        for (Batch batch : batches) {
            BooleanData result = (BooleanData) condition.evaluate(EvaluationContext.of(batch));
            int size = batch.rowCount();
            for (int i = 0; i < size; i++) {
                passed += result.isTrue(i) ? 1 : 0;
            }
        }
        return passed;
    }

    public long expectedRows() {
        return expectedRows;
    }
}
