package io.depot.sql.tpch;

import io.depot.sql.DepotSql;
import io.depot.sql.SqlTestSupport;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A quick per-query timing of Depot and DuckDB for planner work, without the macro runner:
 * {@code -Ddepot.tpch.timings=0.1} runs it (it is skipped otherwise), databases are kept under
 * {@code -Ddepot.tpch.timings.dir} (default {@code target/tpch-timings}) between runs,
 * {@code -Ddepot.tpch.timings.queries=q02,q17} narrows the queries and
 * {@code -Ddepot.tpch.timings.explain=true} prints Depot's plans and
 * {@code -Ddepot.tpch.timings.analyze=true} each query's EXPLAIN ANALYZE after the timed runs. Reports the median of
 * {@code -Ddepot.tpch.timings.runs} (5) runs after one warm-up, and the answers' row counts.
 * {@code -Ddepot.tpch.timings.without=REWRITE} also times Depot with that planner rewrite
 * switched off, interleaved with the other runs so that machine load affects both alike;
 * {@code -Ddepot.tpch.timings.without=depot.parallel.aggregation=true} (a {@code name=value})
 * sets that system property for those runs instead.
 * {@code -Ddepot.tpch.timings.plans=N} times planning only ({@code prepare}, N times per query
 * after N warm-ups, interleaved over the queries) and runs no query, and
 * {@code -Ddepot.tpch.timings.explainFile=FILE} writes every selected query's EXPLAIN to FILE
 * (to compare plans before and after a planner change).
 *
 * <p>The planning figure of a full run is the {@code prepare} after each run, with the calling
 * thread's CPU time, the garbage collectors' time and the JIT compilers' time during it: early in
 * a JVM the planner's code is still interpreted or lightly compiled, and planning takes several
 * times the CPU it takes once warm. {@code -Ddepot.tpch.timings.warmPlans=N} plans every selected
 * query N times before the timed runs, to tell that warm-up apart from planning's own cost.
 */
class TpchTimings {
    @Test
    void timeQueries() throws Exception {
        String scale = System.getProperty("depot.tpch.timings");
        Assumptions.assumeTrue(scale != null, "set -Ddepot.tpch.timings=SF to time the TPC-H queries");
        double scaleFactor = Double.parseDouble(scale);
        Path directory = Path.of(System.getProperty("depot.tpch.timings.dir", "target/tpch-timings"), "sf" + scale);
        boolean fresh = !Files.exists(directory.resolve("duckdb"));
        Files.createDirectories(directory);
        int runs = Integer.getInteger("depot.tpch.timings.runs", 5);
        String only = System.getProperty("depot.tpch.timings.queries", "");
        boolean explain = Boolean.getBoolean("depot.tpch.timings.explain");
        boolean analyze = Boolean.getBoolean("depot.tpch.timings.analyze");
        String without = System.getProperty("depot.tpch.timings.without");
        boolean property = without != null && without.contains("=");
        String withoutProperty = property ? without.substring(0, without.indexOf('=')) : "depot.planner.disable";
        String withoutValue = property ? without.substring(without.indexOf('=') + 1) : without;
        try (DepotSql depot = DepotSql.open(directory.resolve("depot"));
                Connection duckdb = DriverManager.getConnection("jdbc:duckdb:" + directory.resolve("duckdb"))) {
            if (fresh) {
                TpchData.load(scaleFactor, depot, duckdb);
            }
            List<TpchQuery> selected = TpchQuery.all().stream()
                    .filter(query -> only.isEmpty() || List.of(only.split(",")).contains(query.name()))
                    .toList();
            String explainFile = System.getProperty("depot.tpch.timings.explainFile");
            if (explainFile != null) {
                writeExplains(depot, selected, Path.of(explainFile));
            }
            int plans = Integer.getInteger("depot.tpch.timings.plans", 0);
            if (plans > 0) {
                timePlanning(depot, selected, plans);
                return;
            }
            for (int round = 0; round < Integer.getInteger("depot.tpch.timings.warmPlans", 0); round++) {
                selected.forEach(query -> depot.prepare(query.sql()));
            }
            List<Double> ratios = new ArrayList<>();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (TpchQuery query : TpchQuery.all()) {
                if (!only.isEmpty() && !List.of(only.split(",")).contains(query.name())) {
                    continue;
                }
                if (explain) {
                    SqlTestSupport.query(depot, "EXPLAIN " + query.sql())
                            .forEach(row -> System.out.println("  " + row.get(0)));
                }
                List<Double> depotTimes = new ArrayList<>();
                List<Double> duckTimes = new ArrayList<>();
                List<Double> withoutTimes = new ArrayList<>();
                List<Double> withoutCpu = new ArrayList<>();
                List<Double> planTimes = new ArrayList<>();
                List<Double> planCpu = new ArrayList<>();
                List<Double> planGc = new ArrayList<>();
                List<Double> planJit = new ArrayList<>();
                List<Double> depotCpu = new ArrayList<>();
                List<Double> duckCpu = new ArrayList<>();
                int rows = 0;
                for (int run = 0; run <= runs; run++) {
                    // The Depot run right after DuckDB's is slower (DuckDB's threads still wind
                    // down; an A/A comparison showed it), so the two Depot variants take turns there.
                    boolean withoutFirst = without != null && run % 2 == 1;
                    if (withoutFirst) {
                        timeWithout(depot, query, withoutProperty, withoutValue, withoutTimes, withoutCpu);
                    }
                    long cpuStart = processCpuNanos();
                    long start = System.nanoTime();
                    rows = SqlTestSupport.query(depot, query.sql()).size();
                    long middle = System.nanoTime();
                    long cpuMiddle = processCpuNanos();
                    SqlTestSupport.query(duckdb, query.sql());
                    long end = System.nanoTime();
                    long cpuEnd = processCpuNanos();
                    long planGcStart = gcMillis();
                    long planJitStart = jitMillis();
                    long planCpuStart = threads.getCurrentThreadCpuTime();
                    long planStart = System.nanoTime();
                    depot.prepare(query.sql());
                    planTimes.add((System.nanoTime() - planStart) / 1e6);
                    planCpu.add((threads.getCurrentThreadCpuTime() - planCpuStart) / 1e6);
                    planGc.add((double) (gcMillis() - planGcStart));
                    planJit.add((double) (jitMillis() - planJitStart));
                    if (run > 0) {
                        depotTimes.add((middle - start) / 1e6);
                        duckTimes.add((end - middle) / 1e6);
                        depotCpu.add((cpuMiddle - cpuStart) / 1e6);
                        duckCpu.add((cpuEnd - cpuMiddle) / 1e6);
                    }
                    if (without != null && !withoutFirst) {
                        timeWithout(depot, query, withoutProperty, withoutValue, withoutTimes, withoutCpu);
                    }
                }
                if (analyze) {
                    SqlTestSupport.query(depot, "EXPLAIN ANALYZE " + query.sql())
                            .forEach(row -> System.out.println("  " + row.get(0)));
                }
                double depotMedian = median(depotTimes);
                double duckMedian = median(duckTimes);
                ratios.add(depotMedian / duckMedian);
                System.out.printf("TIMING %s depot %.1f ms (planning %.1f ms, cpu %.1f ms, gc %.1f ms, jit %.1f ms)"
                        + " duckdb %.1f ms ratio %.2f rows %d | cpu depot %.1f ms duckdb %.1f ms ratio %.2f%s%n",
                        query.name(), depotMedian, median(planTimes.subList(1, planTimes.size())),
                        median(planCpu.subList(1, planCpu.size())), median(planGc.subList(1, planGc.size())),
                        median(planJit.subList(1, planJit.size())), duckMedian,
                        depotMedian / duckMedian, rows, median(depotCpu), median(duckCpu),
                        median(depotCpu) / median(duckCpu),
                        without == null ? "" : String.format(" | without %s %.1f ms cpu %.1f ms | fastest %.1f ms"
                                + " without %.1f ms", without,
                                median(withoutTimes.subList(1, withoutTimes.size())),
                                median(withoutCpu.subList(1, withoutCpu.size())), Collections.min(depotTimes),
                                Collections.min(withoutTimes.subList(1, withoutTimes.size()))));
            }
            double logSum = 0;
            for (double ratio : ratios) {
                logSum += Math.log(ratio);
            }
            System.out.printf("TIMING geomean ratio %.2f over %d queries%n", Math.exp(logSum / ratios.size()),
                    ratios.size());
        }
    }

    /** One run of the query with the property set to the compared value; its time and CPU time. */
    private static void timeWithout(DepotSql depot, TpchQuery query, String property, String value, List<Double> times,
            List<Double> cpuTimes) throws Exception {
        String previous = System.getProperty(property);
        System.setProperty(property, value);
        try {
            long cpuBefore = processCpuNanos();
            long before = System.nanoTime();
            SqlTestSupport.query(depot, query.sql());
            times.add((System.nanoTime() - before) / 1e6);
            cpuTimes.add((processCpuNanos() - cpuBefore) / 1e6);
        } finally {
            if (previous == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, previous);
            }
        }
    }

    /**
     * CPU time of the whole process (all threads): under machine load it varies far less than
     * wall time, so it shows a change in work done where wall-clock medians cannot.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Milliseconds all garbage collectors have spent collecting (as the JVM counts them). */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    /** Milliseconds the JIT compiler threads have spent compiling. */
    private static long jitMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler == null ? 0 : compiler.getTotalCompilationTime();
    }

    private static void writeExplains(DepotSql depot, List<TpchQuery> queries, Path file) throws Exception {
        List<String> lines = new ArrayList<>();
        for (TpchQuery query : queries) {
            lines.add("-- " + query.name());
            SqlTestSupport.query(depot, "EXPLAIN " + query.sql()).forEach(row -> lines.add(String.valueOf(row.get(0))));
        }
        Files.write(file, lines);
    }

    /**
     * Times {@code prepare} alone. Rounds go over all queries in turn so that load from other
     * processes affects every query alike; the first {@code plans} rounds warm the JIT. Planning
     * runs on the calling thread, so its CPU time is also reported: on a shared, loaded machine it
     * varies far less than the elapsed time.
     */
    private static void timePlanning(DepotSql depot, List<TpchQuery> queries, int plans) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<List<Double>> times = new ArrayList<>();
        List<List<Double>> cpuTimes = new ArrayList<>();
        queries.forEach(query -> {
            times.add(new ArrayList<>());
            cpuTimes.add(new ArrayList<>());
        });
        for (int round = 0; round < 2 * plans; round++) {
            for (int i = 0; i < queries.size(); i++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                depot.prepare(queries.get(i).sql());
                if (round >= plans) {
                    times.get(i).add((System.nanoTime() - start) / 1e6);
                    cpuTimes.get(i).add((threads.getCurrentThreadCpuTime() - cpuStart) / 1e6);
                }
            }
        }
        double total = 0;
        double cpuTotal = 0;
        for (int i = 0; i < queries.size(); i++) {
            double median = median(times.get(i));
            double cpu = median(cpuTimes.get(i));
            total += median;
            cpuTotal += cpu;
            System.out.printf("PLANNING %s median %.2f ms cpu %.2f ms min %.2f ms%n", queries.get(i).name(), median,
                    cpu, Collections.min(times.get(i)));
        }
        System.out.printf("PLANNING total of medians %.1f ms cpu %.1f ms over %d queries%n", total, cpuTotal,
                queries.size());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
