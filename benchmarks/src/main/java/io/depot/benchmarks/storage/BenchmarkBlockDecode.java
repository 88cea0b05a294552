package io.depot.benchmarks.storage;

import io.depot.storage.segment.SegmentReader;
import io.depot.storage.segment.SegmentWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading one 65,536-row column block into an Arrow vector, in nanoseconds per value: positional
 * read (from the page cache), CRC32C, LZ4 when the block is compressed, and decoding. Each case's
 * data has the shape that makes the writer choose the named encoding (the same shapes as the
 * encoding-choice test); the {@code TPCH_*} cases have the value ranges, and so the bit widths, of
 * TPC-H lineitem columns at SF1 (all FRAME_OF_REFERENCE there): l_shipdate (12 bits, DATE),
 * l_discount (4 bits), l_quantity (13 bits) and l_extendedprice (24 bits, all DECIMAL(15,2)).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(BenchmarkBlockDecode.ROWS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class BenchmarkBlockDecode {
    static final int ROWS = 65_536;
    private static final String[] CITIES = {"서울", "부산", "대구", "인천", "광주", "대전", "울산", "Zürich"};

    @Param({
        "PLAIN_BIGINT", "FRAME_OF_REFERENCE_BIGINT", "FRAME_OF_REFERENCE_INTEGER", "DELTA_BIGINT",
        "RUN_LENGTH_BIGINT", "PLAIN_DOUBLE", "RUN_LENGTH_BOOLEAN", "PLAIN_VARCHAR", "DICTIONARY_VARCHAR",
        "TPCH_SHIPDATE_DATE", "TPCH_DISCOUNT_DECIMAL", "TPCH_QUANTITY_DECIMAL", "TPCH_EXTENDEDPRICE_DECIMAL"
    })
    public String encodingAndType;

    private Path directory;
    private BufferAllocator allocator;
    private SegmentReader reader;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("block-decode");
        allocator = new RootAllocator();
        ColumnType type = switch (encodingAndType.substring(encodingAndType.lastIndexOf('_') + 1)) {
            case "BIGINT" -> ColumnType.BIGINT;
            case "INTEGER" -> ColumnType.INTEGER;
            case "DOUBLE" -> ColumnType.DOUBLE;
            case "BOOLEAN" -> ColumnType.BOOLEAN;
            case "DATE" -> ColumnType.DATE;
            case "DECIMAL" -> ColumnType.decimal(15, 2);
            default -> ColumnType.VARCHAR;
        };
        TableSchema schema = TableSchema.of(Column.nullable("value", type));
        Path file = directory.resolve("block.dseg");
        SplittableRandom random = new SplittableRandom(42);
        try (SegmentWriter writer = SegmentWriter.create(file, schema);
                VectorSchemaRoot batch = ArrowTypes.createRoot(schema, allocator)) {
            batch.allocateNew();
            for (int row = 0; row < ROWS; row++) {
                ArrowValues.set(batch.getVector(0), type, row, value(row, random));
            }
            batch.setRowCount(ROWS);
            writer.append(batch);
            writer.finish();
        }
        reader = SegmentReader.open(file);
    }

    private Object value(int row, SplittableRandom random) {
        return switch (encodingAndType) {
            case "PLAIN_BIGINT" -> random.nextLong();
            case "FRAME_OF_REFERENCE_BIGINT" -> 1_000_000_000L + random.nextInt(100_000);
            case "FRAME_OF_REFERENCE_INTEGER" -> random.nextInt(1_000);
            case "DELTA_BIGINT" -> 1_700_000_000_000_000L + row * 1_000_000L + random.nextInt(1_000);
            case "RUN_LENGTH_BIGINT" -> (long) (row / 100) * 7_919;
            case "PLAIN_DOUBLE" -> random.nextDouble() * 1e9;
            case "RUN_LENGTH_BOOLEAN" -> row / 1_000 % 2 == 0;
            case "PLAIN_VARCHAR" -> "order-" + Long.toHexString(random.nextLong());
            case "DICTIONARY_VARCHAR" -> CITIES[random.nextInt(CITIES.length)];
            case "TPCH_SHIPDATE_DATE" -> LocalDate.of(1992, 1, 2).plusDays(random.nextInt(2_526));
            case "TPCH_DISCOUNT_DECIMAL" -> BigDecimal.valueOf(random.nextInt(11), 2);
            case "TPCH_QUANTITY_DECIMAL" -> BigDecimal.valueOf(100 + 100L * random.nextInt(50), 2);
            case "TPCH_EXTENDEDPRICE_DECIMAL" -> BigDecimal.valueOf(90_100 + random.nextInt(10_400_000), 2);
            default -> throw new IllegalArgumentException("unknown case " + encodingAndType);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reader.close();
        allocator.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public int decodeBlock() {
        try (VectorSchemaRoot block = reader.readBlock(0, new int[] {0}, allocator)) {
            return block.getRowCount() + block.getVector(0).getNullCount();
        }
    }
}
