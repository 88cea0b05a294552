package io.depot.benchmarks.tpch;

import java.nio.file.Path;
import java.time.Duration;

/** The macro runner's settings; {@link #parse} documents the command line. */
record RunnerOptions(double scaleFactor, int warmups, int runs, Duration timeout, Duration h2Timeout,
        Duration repeatBudget, Path cacheDirectory, Path workDirectory, Path resultsDirectory,
        long depotQueryMemoryLimit, String duckDbMemoryLimit, String note) {
    static final String USAGE = """
            usage: TpchMacroRunner [SCALE_FACTOR] [options]     (scale factor 1 when not given)
              --warmups N                  untimed runs per query before the timed ones (1)
              --runs N                     timed runs per query; the report gives the median (3)
              --timeout-seconds S          per-query timeout for Depot and DuckDB (60)
              --h2-timeout-seconds S       per-query timeout for H2 (20)
              --repeat-budget-seconds S    no further run of a query starts after this much time on it (15)
              --cache-dir DIR              generated CSV files, kept between runs (benchmarks/target/tpch-cache)
              --work-dir DIR               the three databases, recreated each run (benchmarks/target/tpch-work)
              --results-dir DIR            where tpch-sf<SF>.md and .png go (benchmarks/results)
              --depot-memory-limit-gib N   Depot's per-query memory limit (6)
              --duckdb-memory-limit TEXT   DuckDB's memory_limit setting (4GB)
              --note TEXT                  a remark for the report's header (e.g. about machine load)
            """;

    static RunnerOptions parse(String... args) {
        double scaleFactor = 1;
        int warmups = 1;
        int runs = 3;
        long timeout = 60;
        long h2Timeout = 20;
        long repeatBudget = 15;
        Path cache = Path.of("benchmarks/target/tpch-cache");
        Path work = Path.of("benchmarks/target/tpch-work");
        Path results = Path.of("benchmarks/results");
        long depotMemoryGib = 6;
        String duckDbMemory = "4GB";
        String note = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            if (!arg.startsWith("--")) {
                scaleFactor = Double.parseDouble(arg);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--scale-factor" -> scaleFactor = Double.parseDouble(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--timeout-seconds" -> timeout = Long.parseLong(value);
                case "--h2-timeout-seconds" -> h2Timeout = Long.parseLong(value);
                case "--repeat-budget-seconds" -> repeatBudget = Long.parseLong(value);
                case "--cache-dir" -> cache = Path.of(value);
                case "--work-dir" -> work = Path.of(value);
                case "--results-dir" -> results = Path.of(value);
                case "--depot-memory-limit-gib" -> depotMemoryGib = Long.parseLong(value);
                case "--duckdb-memory-limit" -> duckDbMemory = value;
                case "--note" -> note = value;
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (!(scaleFactor > 0) || warmups < 0 || runs < 1 || timeout < 1 || h2Timeout < 1 || depotMemoryGib < 1) {
            throw new IllegalArgumentException("scale factor, runs, timeouts and memory limit must be positive\n" + USAGE);
        }
        return new RunnerOptions(scaleFactor, warmups, runs, Duration.ofSeconds(timeout), Duration.ofSeconds(h2Timeout),
                Duration.ofSeconds(repeatBudget), cache, work, results, depotMemoryGib << 30, duckDbMemory, note);
    }

    /** Thrown by {@link #parse} for {@code --help}: the caller prints {@link #USAGE}. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(USAGE);
        }
    }

    String scaleFactorText() {
        return TpchCsvCache.scaleFactorText(scaleFactor);
    }

    Path reportFile() {
        return resultsDirectory.resolve("tpch-sf" + scaleFactorText() + ".md");
    }

    Path chartFile() {
        return resultsDirectory.resolve("tpch-sf" + scaleFactorText() + ".png");
    }
}
