package io.depot.benchmarks.storage;

import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.table.Database;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
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
 * Loading a generated CSV file with {@link CsvLoader} into a new table: parsing, converting each
 * field (BIGINT, DECIMAL, DATE, quoted and Korean VARCHAR) into Arrow batches, and writing the
 * segment. With an INFERRED schema the loader first reads the whole file to choose the types.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g"})
public class BenchmarkCsvLoad {
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("amount", ColumnType.decimal(12, 2)),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("city", ColumnType.VARCHAR),
            Column.nullable("comment", ColumnType.VARCHAR));
    private static final String[] CITIES = {"서울", "부산", "대구", "인천", "Zürich", "Lisbon"};
    private static final String[] WORDS = {"quick", "final", "deposits", "sleep", "regular", "\"quoted\"", "a,b"};

    @Param("500000")
    public int rows;

    @Param({"GIVEN", "INFERRED"})
    public String schema;

    private Path directory;
    private Path file;
    private CsvOptions options;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("csv-load");
        file = directory.resolve("orders.csv");
        SplittableRandom random = new SplittableRandom(42);
        LocalDate start = LocalDate.of(2020, 1, 1);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,amount,day,city,comment\n");
            for (int row = 0; row < rows; row++) {
                StringBuilder comment = new StringBuilder();
                for (int w = 0; w < 4; w++) {
                    comment.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                out.write(row + "," + random.nextInt(10_000_000) / 100.0 + "," + start.plusDays(random.nextInt(1_500))
                        + "," + CITIES[random.nextInt(CITIES.length)] + ",\"" + comment.toString().replace("\"", "\"\"") + "\"\n");
            }
        }
        options = schema.equals("GIVEN") ? CsvOptions.defaults().withSchema(SCHEMA) : CsvOptions.defaults();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(directory);
    }

    /** The rows loaded, which is {@code rows}. */
    @Benchmark
    public long load() {
        try (Database database = Database.temporary()) {
            return CsvLoader.load(database, "orders", List.of(file), options).rowsLoaded();
        }
    }
}
