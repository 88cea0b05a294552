package io.depot.benchmarks.tpch;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything measured for one engine.
 *
 * @param failure why the load (and so every query) failed, or null
 * @param measurements by query name, in query order
 * @param processPeakResidentBytes the process's peak resident set when the engine was done; the
 *     process runs the engines one after another, so this is the peak up to and including it
 */
record EngineRun(String name, String description, Duration load, String failure, long bytesOnDisk,
        long heapPeakBytes, long processPeakResidentBytes, String memoryNote, Map<String, Measurement> measurements,
        List<String> notes) {
    EngineRun {
        measurements = Map.copyOf(measurements);
        notes = List.copyOf(notes);
    }

    Measurement measurement(String query) {
        return measurements.get(query);
    }
}
