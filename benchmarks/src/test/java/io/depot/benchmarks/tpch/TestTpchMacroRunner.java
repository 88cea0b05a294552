package io.depot.benchmarks.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The macro runner end to end at a tiny scale factor: every engine, every query, report and chart. */
class TestTpchMacroRunner {
    @TempDir
    Path directory;

    @Test
    void writesTheReportAndChartForAllQueries() throws Exception {
        System.setProperty("java.awt.headless", "true");
        RunnerOptions options = RunnerOptions.parse("0.001", "--warmups", "0", "--runs", "1",
                "--cache-dir", directory.resolve("cache").toString(), "--work-dir", directory.resolve("work").toString(),
                "--results-dir", directory.resolve("results").toString(), "--depot-memory-limit-gib", "1");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TpchComparison comparison = new TpchMacroRunner(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

        assertThat(comparison.engines()).extracting(EngineRun::name).containsExactly("Depot", "DuckDB", "H2");
        for (EngineRun engine : comparison.engines()) {
            assertThat(engine.failure()).as(engine.name()).isNull();
            assertThat(engine.bytesOnDisk()).as(engine.name()).isPositive();
            assertThat(engine.measurements()).as(engine.name()).hasSize(22);
        }
        // Depot's answers are checked: a wrong one would show here (as it would in the report).
        assertThat(comparison.matches().values()).allMatch(TpchComparison.Match::same);

        Path report = directory.resolve("results/tpch-sf0.001.md");
        String markdown = Files.readString(report);
        assertThat(markdown).startsWith("# TPC-H SF 0.001: Depot, DuckDB and H2")
                .contains("| load time (s) |", "**geometric mean**", "Depot's answer is DuckDB's for 22 of 22");
        IntStream.rangeClosed(1, 22).forEach(query ->
                assertThat(markdown).contains(String.format("| q%02d | ", query)));
        assertThat(ImageIO.read(directory.resolve("results/tpch-sf0.001.png").toFile()).getWidth()).isEqualTo(1400);

        // A second run takes the generated data from the cache.
        assertThat(TpchCsvCache.prepare(directory.resolve("cache"), 0.001, System.out).generation()).isNull();
    }
}
