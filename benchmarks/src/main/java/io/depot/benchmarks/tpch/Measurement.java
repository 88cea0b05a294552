package io.depot.benchmarks.tpch;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One engine's result for one query: the timed runs in milliseconds, or why there are none.
 *
 * @param rows the answer of the last run, for the comparison with DuckDB; null unless OK
 */
record Measurement(Status status, List<Double> runMillis, String message, List<List<Object>> rows) {
    enum Status { OK, TIMEOUT, ERROR, NOT_RUN }

    Measurement {
        requireNonNull(status, "status is null");
        runMillis = List.copyOf(runMillis);
    }

    static Measurement ok(List<Double> runMillis, List<List<Object>> rows) {
        if (runMillis.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs at least one run");
        }
        return new Measurement(Status.OK, runMillis, null, rows);
    }

    static Measurement timeout(long seconds) {
        return new Measurement(Status.TIMEOUT, List.of(), "timeout after " + seconds + " s", null);
    }

    static Measurement error(String message) {
        return new Measurement(Status.ERROR, List.of(), message, null);
    }

    static Measurement notRun(String reason) {
        return new Measurement(Status.NOT_RUN, List.of(), reason, null);
    }

    boolean isOk() {
        return status == Status.OK;
    }

    /** The median of the timed runs (the mean of the middle two for an even count). */
    double medianMillis() {
        if (!isOk()) {
            throw new IllegalStateException("no runs: " + message);
        }
        List<Double> sorted = new ArrayList<>(runMillis);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
