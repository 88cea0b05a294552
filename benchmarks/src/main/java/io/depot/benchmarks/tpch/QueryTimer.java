package io.depot.benchmarks.tpch;

import io.depot.benchmarks.tpch.QueryThread.StuckException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Times a query on an engine: warm-up runs, then timed runs, each under the timeout. A query
 * that times out or fails is not repeated. Once a query has used its repeat budget, no more runs
 * start; if that happens during the warm-up, the warm-up run is the measurement (a query that
 * slow gains little from a warm JIT).
 */
final class QueryTimer {
    private final int warmups;
    private final int runs;
    private final Duration repeatBudget;

    QueryTimer(int warmups, int runs, Duration repeatBudget) {
        if (warmups < 0 || runs < 1) {
            throw new IllegalArgumentException("warm-ups must be >= 0 and runs >= 1: " + warmups + ", " + runs);
        }
        this.warmups = warmups;
        this.runs = runs;
        this.repeatBudget = repeatBudget;
    }

    int runs() {
        return runs;
    }

    int warmups() {
        return warmups;
    }

    /** Throws StuckException when the engine could not stop a query: it cannot go on. */
    Measurement measure(BenchmarkEngine engine, String sql, Duration timeout, List<String> notes) throws StuckException {
        List<Double> timed = new ArrayList<>();
        List<List<Object>> rows = null;
        long spentNanos = 0;
        for (int run = 0; run < warmups + runs; run++) {
            long started = System.nanoTime();
            try {
                rows = QueryThread.call(() -> engine.execute(sql), timeout, engine::stop);
            } catch (TimeoutException e) {
                String note = engine.afterStop();
                if (note != null) {
                    notes.add(note);
                }
                return Measurement.timeout(timeout.toSeconds());
            } catch (StuckException e) {
                throw e;
            } catch (java.sql.SQLTimeoutException e) {
                // the engine's own statement timeout (a JDBC engine's backstop, set to the same
                // limit) fired a moment before the runner's
                return Measurement.timeout(timeout.toSeconds());
            } catch (Exception | Error e) {
                return Measurement.error(describe(e));
            }
            long elapsed = System.nanoTime() - started;
            spentNanos += elapsed;
            if (run >= warmups) {
                timed.add(elapsed / 1e6);
            }
            if (spentNanos > repeatBudget.toNanos()) {
                if (timed.isEmpty()) {
                    timed.add(elapsed / 1e6);
                }
                break;
            }
        }
        return Measurement.ok(timed, rows);
    }

    /** The exception's class and first message line, for a table cell. */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
