package io.depot.benchmarks.tpch;

import io.depot.sql.tpch.TpchQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole run: the engines' measurements, whether Depot's answers are DuckDB's, and the
 * circumstances.
 *
 * @param engines in report order: Depot, DuckDB, H2
 * @param matches by query name
 */
record TpchComparison(RunnerOptions options, MachineInfo machine, String commit, Instant started, Duration elapsed,
        TpchCsvCache data, List<TpchQuery> queries, List<EngineRun> engines, Map<String, Match> matches) {
    TpchComparison {
        queries = List.copyOf(queries);
        engines = List.copyOf(engines);
        matches = Map.copyOf(matches);
    }

    EngineRun engine(String name) {
        return engines.stream().filter(engine -> engine.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no engine " + name));
    }

    /** Whether Depot's answer to a query is DuckDB's; {@code difference} says how it is not. */
    record Match(boolean compared, String difference) {
        static final Match NOT_COMPARED = new Match(false, null);

        boolean same() {
            return compared && difference == null;
        }
    }
}
