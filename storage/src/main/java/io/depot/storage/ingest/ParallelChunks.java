package io.depot.storage.ingest;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a load's chunk tasks on a pool with one thread per core and hands their results to the
 * calling thread in task order, so what the calling thread does with them (append to the table,
 * count rejects, merge inferred types) happens exactly as in a sequential read. At most a few
 * tasks beyond the pool's size are in flight, which bounds the memory their results hold.
 */
final class ParallelChunks {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private ParallelChunks() {}

    /** Worker threads for a load: the cores this JVM may use. */
    static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs every task; {@code inOrder} gets each result in task order, then {@code release} gets
     * it. When a task or {@code inOrder} fails, {@code cancelled} is set, the results of tasks
     * already started are released, and the first failure is thrown as it was.
     */
    static <T> void run(List<Callable<T>> tasks, Consumer<T> inOrder, Consumer<T> release, AtomicBoolean cancelled) {
        if (tasks.size() == 1) { // a file read whole: on this thread, no pool
            T result = call(tasks.get(0));
            try {
                inOrder.accept(result);
            } finally {
                release.accept(result);
            }
            return;
        }
        int threads = Math.min(threads(), tasks.size());
        int window = threads + 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
        int submitted = 0;
        try {
            for (int consumed = 0; consumed < tasks.size(); consumed++) {
                while (submitted < tasks.size() && submitted < consumed + window) {
                    inFlight.add(pool.submit(tasks.get(submitted++)));
                }
                T result = await(inFlight.poll());
                try {
                    inOrder.accept(result);
                } finally {
                    release.accept(result);
                }
            }
        } catch (RuntimeException | Error e) {
            cancelled.set(true);
            for (Future<T> pending : inFlight) {
                try {
                    release.accept(await(pending));
                } catch (RuntimeException | Error ignored) {
                    // the first failure is the one to report
                }
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T call(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DepotException(ErrorCode.INTERNAL, "A load task failed: " + e, e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new DepotException(ErrorCode.INTERNAL, "A load task failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DepotException(ErrorCode.INTERNAL, "The load was interrupted", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "depot-load-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
