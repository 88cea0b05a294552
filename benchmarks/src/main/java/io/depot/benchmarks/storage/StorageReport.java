package io.depot.benchmarks.storage;

import io.depot.storage.segment.SegmentReader;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The storage report: TPC-H lineitem at a scale factor (argument 1, default 1) on disk as CSV,
 * as a Depot table, as a DuckDB database file and as Parquet (zstd, written by DuckDB), with
 * Depot's bytes per column; then a single-column scan and an equality filter on
 * {@code l_shipdate} with and without the bitmap indexes. Files go to argument 2 (default a
 * temporary directory, deleted after). Run:
 * {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar
 * io.depot.benchmarks.storage.StorageReport 1}
 */
public final class StorageReport {
    private static final int WARM_UP_RUNS = 5;
    private static final int RUNS = 11;

    private StorageReport() {}

    public static void main(String[] args) throws Exception {
        double scaleFactor = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Path work = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("depot-report-");
        System.out.printf(Locale.ROOT, "# Depot storage report: TPC-H lineitem, scale factor %s%n%n", scaleFactor);

        Path csv = work.resolve("lineitem.csv");
        writeCsv(csv, scaleFactor);
        Path duckFile = work.resolve("lineitem.duckdb");
        Path parquet = work.resolve("lineitem.parquet");
        loadDuckDb(csv, duckFile, parquet);

        try (Database database = Database.open(work.resolve("depot"))) {
            long start = System.nanoTime();
            long rows = LineItemTable.write(database, scaleFactor, List.of("l_shipdate"));
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            Snapshot snapshot = database.table("lineitem").orElseThrow().snapshot();
            long depotBytes = directorySize(work.resolve("depot/tables/lineitem"));

            System.out.printf(Locale.ROOT, "%,d rows; Depot load %.1f s%n%n", rows, loadSeconds);
            System.out.println("| format | bytes | vs DuckDB |");
            System.out.println("|---|---:|---:|");
            long duckBytes = Files.size(duckFile);
            printSize("CSV ('|'-separated)", Files.size(csv), duckBytes);
            printSize("DuckDB database file", duckBytes, duckBytes);
            printSize("Parquet (zstd, by DuckDB)", Files.size(parquet), duckBytes);
            long[][] columnBytes = columnBytes(snapshot);
            long shipDateIndexBytes = columnBytes[1][LineItemFilters.SHIPDATE];
            printSize("Depot, bitmap indexes on VARCHAR columns (default)", depotBytes - shipDateIndexBytes, duckBytes);
            printSize("Depot, plus the l_shipdate index", depotBytes, duckBytes);
            System.out.println();
            System.out.println("(Both Depot rows are one table directory; the first leaves out the bytes of the"
                    + " l_shipdate indexes, which sit in their own regions of the segment files.)");
            System.out.println();
            printColumns(snapshot, columnBytes);

            long sum = LineItemFilters.scanExtendedPrice(snapshot, database.allocator());
            double scanSeconds = median(() -> LineItemFilters.scanExtendedPrice(snapshot, database.allocator()), sum);
            System.out.printf(Locale.ROOT, "Single-column scan (l_extendedprice, decode + sum): %.1f ms, %.0f M rows/s%n%n",
                    scanSeconds * 1e3, rows / scanSeconds / 1e6);

            LocalDate day = BenchmarkBitmapFilter.DAY;
            long matches = LineItemFilters.engineWithoutIndex(snapshot, day, database.allocator());
            System.out.printf(Locale.ROOT, "Filter l_shipdate = DATE '%s': %,d rows (%.3f%% of the table)%n%n",
                    day, matches, 100.0 * matches / rows);
            System.out.println("| path | without index | with bitmap index | speed-up |");
            System.out.println("|---|---:|---:|---:|");
            double engineFull = median(() -> LineItemFilters.engineWithoutIndex(snapshot, day, database.allocator()), matches);
            double engineIndex = median(() -> LineItemFilters.engineWithIndex(snapshot, day, database.allocator()), matches);
            printSpeedUp("engine scan (count rows)", engineFull, engineIndex);
            double storageFull = median(() -> LineItemFilters.storageWithoutIndex(snapshot, day, database.allocator()), matches);
            double storageIndex = median(() -> LineItemFilters.storageWithIndex(snapshot, day), matches);
            printSpeedUp("storage only (count rows)", storageFull, storageIndex);
        } finally {
            if (args.length <= 1) {
                deleteRecursively(work);
            }
        }
    }

    private static void writeCsv(Path file, double scaleFactor) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (LineItem item : TpchTable.LINE_ITEM.createGenerator(scaleFactor, 1, 1)) {
                String line = item.toLine();
                // dbgen ends each line with a separator; a CSV does not.
                out.write(line, 0, line.endsWith("|") ? line.length() - 1 : line.length());
                out.write('\n');
            }
        }
    }

    private static void loadDuckDb(Path csv, Path databaseFile, Path parquet) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + databaseFile);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE lineitem (l_orderkey BIGINT NOT NULL, l_partkey BIGINT NOT NULL, "
                    + "l_suppkey BIGINT NOT NULL, l_linenumber INTEGER NOT NULL, l_quantity DECIMAL(15,2) NOT NULL, "
                    + "l_extendedprice DECIMAL(15,2) NOT NULL, l_discount DECIMAL(15,2) NOT NULL, "
                    + "l_tax DECIMAL(15,2) NOT NULL, l_returnflag VARCHAR NOT NULL, l_linestatus VARCHAR NOT NULL, "
                    + "l_shipdate DATE NOT NULL, l_commitdate DATE NOT NULL, l_receiptdate DATE NOT NULL, "
                    + "l_shipinstruct VARCHAR NOT NULL, l_shipmode VARCHAR NOT NULL, l_comment VARCHAR NOT NULL)");
            statement.execute("COPY lineitem FROM '" + csv + "' (DELIMITER '|', HEADER false)");
            statement.execute("CHECKPOINT");
            statement.execute("COPY lineitem TO '" + parquet + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
        }
    }

    /** Per column: stored bytes of its blocks ([0]) and of its bitmap indexes ([1]). */
    private static long[][] columnBytes(Snapshot snapshot) {
        int columns = snapshot.schema().size();
        long[][] bytes = new long[2][columns];
        for (int s = 0; s < snapshot.segmentCount(); s++) {
            try (SegmentReader segment = snapshot.openSegment(s)) {
                for (int column = 0; column < columns; column++) {
                    bytes[0][column] += segment.storedDataBytes(column);
                    bytes[1][column] += segment.storedIndexBytes(column);
                }
            }
        }
        return bytes;
    }

    private static void printColumns(Snapshot snapshot, long[][] bytes) {
        System.out.println("| Depot column | data bytes | bitmap index bytes |");
        System.out.println("|---|---:|---:|");
        for (int column = 0; column < snapshot.schema().size(); column++) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d |%n", snapshot.schema().column(column).name(),
                    bytes[0][column], bytes[1][column]);
        }
        System.out.println();
    }

    private static void printSize(String format, long bytes, long duckBytes) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %.2f× |%n", format, bytes, (double) bytes / duckBytes);
    }

    private static void printSpeedUp(String path, double withoutSeconds, double withSeconds) {
        System.out.printf(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.1f× |%n", path, withoutSeconds * 1e3,
                withSeconds * 1e3, withoutSeconds / withSeconds);
    }

    /**
     * Median wall time of {@link #RUNS} runs after {@link #WARM_UP_RUNS} (the JIT compiles the
     * short index path late; the machine is shared, so a median rather than the best), checking
     * every run's answer.
     */
    private static double median(LongSupplier run, long expected) {
        double[] seconds = new double[RUNS];
        for (int i = 0; i < WARM_UP_RUNS + RUNS; i++) {
            long start = System.nanoTime();
            long answer = run.getAsLong();
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (answer != expected) {
                throw new IllegalStateException("run " + i + " answered " + answer + ", expected " + expected);
            }
            if (i >= WARM_UP_RUNS) {
                seconds[i - WARM_UP_RUNS] = elapsed;
            }
        }
        Arrays.sort(seconds);
        return seconds[RUNS / 2];
    }

    private static long directorySize(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
