package io.depot.benchmarks.ingest;

import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.ingest.LoadResult;
import io.depot.storage.table.Database;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchColumn;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CSV load throughput of TPC-H lineitem: Depot's loader (types inferred over the whole file, and
 * with the schema given) against DuckDB's {@code COPY} of the same file into a declared table, in
 * one run on this machine. Prints MB/s and rows/s of each run, the medians, and the ratios. Each
 * Depot load runs in a fresh database, so the table is created (and, without a schema, its types
 * inferred over the whole file).
 *
 * <pre>java --add-opens=java.base/java.nio=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.depot.benchmarks.ingest.LoadThroughput [scale factor, default 1] [runs, default 3]</pre>
 */
public final class LoadThroughput {
    private static final String[] VARIANTS = {"Depot CsvLoader, inferred types", "Depot CsvLoader, given schema",
        "DuckDB COPY (default threads)"};

    private LoadThroughput() {}

    public static void main(String[] args) throws Exception {
        double scaleFactor = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("depot-load-throughput-");
        try {
            Path csv = work.resolve("lineitem.csv");
            long rows = writeLineitem(csv, scaleFactor);
            long bytes = Files.size(csv);
            System.out.printf(Locale.ROOT, "lineitem SF %s: %,d rows, %,.1f MB CSV, %d cores%n", args.length > 0 ? args[0] : "1",
                    rows, bytes / 1e6, Runtime.getRuntime().availableProcessors());
            long[][] nanos = new long[VARIANTS.length][runs];
            for (int run = 1; run <= runs; run++) {
                nanos[0][run - 1] = report(VARIANTS[0], run, rows, bytes, depot(work, csv, null, run, rows));
                nanos[1][run - 1] = report(VARIANTS[1], run, rows, bytes, depot(work, csv, schema(), run, rows));
                nanos[2][run - 1] = report(VARIANTS[2], run, rows, bytes, duckDb(work, csv, run));
            }
            System.out.println("Medians:");
            double[] medians = new double[VARIANTS.length];
            for (int v = 0; v < VARIANTS.length; v++) {
                medians[v] = median(nanos[v]);
                double seconds = medians[v] / 1e9;
                System.out.printf(Locale.ROOT, "%-34s median of %d: %6.2f s  %7.1f MB/s  %,12.0f rows/s%n", VARIANTS[v], runs,
                        seconds, bytes / 1e6 / seconds, rows / seconds);
            }
            System.out.printf(Locale.ROOT, "Depot throughput / DuckDB COPY: inferred types %.2fx, given schema %.2fx; "
                    + "inferred load time / given-schema load time %.2fx%n",
                    medians[2] / medians[0], medians[2] / medians[1], medians[0] / medians[1]);
        } finally {
            deleteRecursively(work);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static long report(String what, int run, long rows, long bytes, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%-34s run %d: %6.2f s  %7.1f MB/s  %,12.0f rows/s%n", what, run, seconds,
                bytes / 1e6 / seconds, rows / seconds);
        return nanos;
    }

    /** Times one load, and checks that every generated row arrived (a fast load of fewer rows proves nothing). */
    private static long depot(Path work, Path csv, TableSchema schema, int run, long expectedRows) {
        Path directory = work.resolve("depot-" + run + (schema == null ? "-inferred" : "-schema"));
        try (Database database = Database.open(directory)) {
            long started = System.nanoTime();
            LoadResult result = CsvLoader.load(database, "lineitem", List.of(csv),
                    CsvOptions.defaults().withDelimiter('|').withSchema(schema));
            long elapsed = System.nanoTime() - started;
            if (result.rowsRejected() != 0 || result.rowsLoaded() != expectedRows
                    || database.table("lineitem").orElseThrow().snapshot().rowCount() != expectedRows) {
                throw new IllegalStateException("Depot loaded " + result.rowsLoaded() + " rows and rejected "
                        + result.rowsRejected());
            }
            return elapsed;
        } finally {
            deleteQuietly(directory); // keeps the disk need to one table at a time
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            if (Files.exists(path)) {
                deleteRecursively(path);
            }
        } catch (IOException e) {
            // the temporary directory goes at the end anyway
        }
    }

    private static long duckDb(Path work, Path csv, int run) throws SQLException {
        Path file = work.resolve("duck-" + run + ".db");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE lineitem (l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, "
                    + "l_linenumber INTEGER, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), "
                    + "l_discount DECIMAL(15,2), l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, "
                    + "l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR, "
                    + "l_shipmode VARCHAR, l_comment VARCHAR)");
            long started = System.nanoTime();
            statement.execute("COPY lineitem FROM '" + csv + "' (FORMAT csv, HEADER true, DELIMITER '|')");
            return System.nanoTime() - started;
        } finally {
            deleteQuietly(file);
            deleteQuietly(work.resolve("duck-" + run + ".db.wal"));
        }
    }

    private static TableSchema schema() {
        List<Column> columns = new ArrayList<>();
        for (TpchColumn<LineItem> column : TpchTable.LINE_ITEM.getColumns()) {
            ColumnType type = switch (column.getType().getBase()) {
                case IDENTIFIER -> ColumnType.BIGINT;
                case INTEGER -> ColumnType.INTEGER;
                case DOUBLE -> ColumnType.decimal(15, 2);
                case DATE -> ColumnType.DATE;
                case VARCHAR -> ColumnType.VARCHAR;
            };
            columns.add(Column.nullable(column.getColumnName(), type));
        }
        return new TableSchema(columns);
    }

    /** Writes lineitem as '|'-separated CSV with a header (no field needs quoting) and returns its row count. */
    private static long writeLineitem(Path csv, double scaleFactor) throws IOException {
        List<TpchColumn<LineItem>> columns = TpchTable.LINE_ITEM.getColumns();
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            for (int c = 0; c < columns.size(); c++) {
                out.write(c > 0 ? "|" : "");
                out.write(columns.get(c).getColumnName());
            }
            out.write('\n');
            for (LineItem item : TpchTable.LINE_ITEM.createGenerator(scaleFactor, 1, 1)) {
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        out.write('|');
                    }
                    out.write(text(columns.get(c), item));
                }
                out.write('\n');
                rows++;
            }
        }
        return rows;
    }

    private static String text(TpchColumn<LineItem> column, LineItem item) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> Long.toString(column.getIdentifier(item));
            case INTEGER -> Integer.toString(column.getInteger(item));
            case DOUBLE -> {
                long cents = Math.round(column.getDouble(item) * 100);
                yield (cents < 0 ? "-" : "") + Math.abs(cents) / 100 + "." + String.format(Locale.ROOT, "%02d", Math.abs(cents) % 100);
            }
            case DATE -> LocalDate.ofEpochDay(column.getDate(item)).toString();
            case VARCHAR -> column.getString(item);
        };
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
