package io.depot.benchmarks.tpch;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one query on a thread of its own and waits for it at most the timeout; a query still
 * running then is stopped (the engine's cancel) and waited for a little longer.
 */
final class QueryThread {
    /** How long a stopped query may take to end before the engine counts as stuck. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private QueryThread() {}

    /** Thrown when a query outlived its timeout and did not end when stopped. */
    static final class StuckException extends Exception {
        StuckException(String message) {
            super(message);
        }
    }

    /**
     * The work's result. Throws TimeoutException after stopping work that ran out of time,
     * StuckException when it would not stop, and the work's own exception when it failed.
     */
    static <T> T call(Callable<T> work, Duration timeout, Consumer<Thread> stop) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                // Also ThreadDeath from a stop: the waiting thread reports the timeout instead.
                result.completeExceptionally(t);
            }
        }, "tpch-query");
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop.accept(thread);
            thread.join(STOP_GRACE.toMillis());
            if (thread.isAlive()) {
                throw new StuckException("query still running " + STOP_GRACE.toSeconds() + " s after it was stopped");
            }
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }
}
