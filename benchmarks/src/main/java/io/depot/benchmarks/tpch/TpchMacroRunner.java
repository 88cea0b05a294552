package io.depot.benchmarks.tpch;

import io.depot.benchmarks.tpch.QueryThread.StuckException;
import io.depot.benchmarks.tpch.TpchComparison.Match;
import io.depot.sql.tpch.TpchQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The TPC-H comparison: generates the data (once, cached as CSV), then, one engine after the
 * other in this JVM, loads it into DuckDB, Depot and H2 and times the 22 queries on each. Depot's
 * answers are checked against DuckDB's. Writes {@code tpch-sf<SF>.md} and {@code .png} into the
 * results directory. A query that fails, times out or answers differently is reported as such;
 * only a broken setup stops the run.
 */
public final class TpchMacroRunner {
    private final RunnerOptions options;
    private final PrintStream log;

    TpchMacroRunner(RunnerOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (RunnerOptions.HelpRequested e) {
            System.out.print(RunnerOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        TpchComparison comparison = new TpchMacroRunner(options, System.out).run();
        System.out.printf("done in %d s: %s and %s%n", comparison.elapsed().toSeconds(),
                options.reportFile(), options.chartFile());
        // DuckDB and H2 may leave non-daemon threads behind.
        System.exit(0);
    }

    TpchComparison run() throws Exception {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        MachineInfo machine = MachineInfo.current();
        TpchCsvCache data = TpchCsvCache.prepare(options.cacheDirectory(), options.scaleFactor(), log);
        List<TpchQuery> queries = TpchQuery.all();
        Files.createDirectories(options.workDirectory());
        QueryTimer timer = new QueryTimer(options.warmups(), options.runs(), options.repeatBudget());
        int threads = Runtime.getRuntime().availableProcessors();
        // DuckDB first: its answers are the reference for Depot's.
        EngineRun duckdb = run(new DuckDbEngine(options.workDirectory().resolve("tpch.duckdb"),
                options.duckDbMemoryLimit(), threads, (int) options.timeout().toSeconds()), options.timeout(), timer, queries, data);
        EngineRun depot = run(new DepotEngine(options.workDirectory().resolve("depot"), options.depotQueryMemoryLimit()),
                options.timeout(), timer, queries, data);
        EngineRun h2 = run(new H2Engine(options.workDirectory().resolve("h2"), (int) options.h2Timeout().toSeconds()),
                options.h2Timeout(), timer, queries, data);
        Map<String, Match> matches = new LinkedHashMap<>();
        for (TpchQuery query : queries) {
            matches.put(query.name(), match(query, depot.measurement(query.name()), duckdb.measurement(query.name())));
        }
        TpchComparison comparison = new TpchComparison(options, machine, GitCommit.describe(), started,
                Duration.ofNanos(System.nanoTime() - startNanos), data, queries, List.of(depot, duckdb, h2), matches);
        Files.createDirectories(options.resultsDirectory());
        Files.writeString(options.reportFile(), TpchReport.markdown(comparison), StandardCharsets.UTF_8);
        TpchChart.writePng(comparison, options.chartFile());
        return comparison;
    }

    private EngineRun run(BenchmarkEngine engine, Duration timeout, QueryTimer timer, List<TpchQuery> queries,
            TpchCsvCache data) throws Exception {
        try (engine) {
            log.printf("%s: loading%n", engine.name());
            MemoryProbe.resetHeapPeak();
            long loadStarted = System.nanoTime();
            Map<String, Measurement> measurements = new LinkedHashMap<>();
            List<String> notes = new ArrayList<>();
            try {
                engine.load(data.files());
            } catch (Exception | Error e) {
                String failure = "load failed: " + QueryTimer.describe(e);
                log.printf("%s: %s%n", engine.name(), failure);
                queries.forEach(query -> measurements.put(query.name(), Measurement.notRun(failure)));
                return new EngineRun(engine.name(), engine.description(), null, failure, engine.bytesOnDisk(),
                        MemoryProbe.heapPeakBytes(), MemoryProbe.processPeakResidentBytes(), null, measurements, notes);
            }
            Duration load = Duration.ofNanos(System.nanoTime() - loadStarted);
            long bytes = engine.bytesOnDisk();
            log.printf("%s: loaded in %.1f s, %s on disk%n", engine.name(), load.toMillis() / 1000.0, Bytes.format(bytes));
            MemoryProbe.resetHeapPeak();
            String stuck = null;
            for (TpchQuery query : queries) {
                Measurement measurement;
                if (stuck != null) {
                    measurement = Measurement.notRun(stuck);
                } else {
                    try {
                        measurement = timer.measure(engine, query.sql(), timeout, notes);
                    } catch (StuckException e) {
                        measurement = Measurement.error(e.getMessage());
                        stuck = "not run: " + query.name() + " could not be stopped";
                    }
                }
                measurements.put(query.name(), measurement);
                log.printf("%s %s: %s%n", engine.name(), query.name(), summary(measurement));
            }
            long heapPeak = MemoryProbe.heapPeakBytes();
            String memoryNote;
            try {
                memoryNote = engine.memoryNote();
            } catch (Exception e) {
                memoryNote = "unknown: " + QueryTimer.describe(e);
            }
            return new EngineRun(engine.name(), engine.description(), load, null, bytes, heapPeak,
                    MemoryProbe.processPeakResidentBytes(), memoryNote, measurements, notes);
        }
    }

    private static String summary(Measurement measurement) {
        if (!measurement.isOk()) {
            return measurement.message();
        }
        return String.format(Locale.ROOT, "%.1f ms median of %d run(s), %d rows",
                measurement.medianMillis(), measurement.runMillis().size(), measurement.rows().size());
    }

    private static Match match(TpchQuery query, Measurement depot, Measurement duckdb) {
        if (!depot.isOk() || !duckdb.isOk()) {
            return Match.NOT_COMPARED;
        }
        try {
            query.assertSameAnswer(depot.rows(), duckdb.rows());
            return new Match(true, null);
        } catch (AssertionError e) {
            return new Match(true, QueryTimer.describe(e));
        }
    }

    /** The checkout's commit, for the report; "unknown" outside a git work tree. */
    static final class GitCommit {
        private GitCommit() {}

        static String describe() {
            try {
                Process process = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "unknown";
            } catch (IOException e) {
                return "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }
    }
}
