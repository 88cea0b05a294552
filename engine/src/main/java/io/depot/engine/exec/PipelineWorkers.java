package io.depot.engine.exec;

import io.depot.engine.batch.Batch;
import io.depot.engine.operator.Operator;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies of a pipeline run to their ends on the {@link WorkerPool}, one task per copy, each
 * handing its non-empty batches to its own {@link BatchSink} (a gather's queue, a partial
 * aggregation). The first failure of any copy stops the others and is kept for the consumer to
 * rethrow unchanged; {@link #close()} stops them and waits until each has closed its pipeline,
 * so the query's allocator can close right after.
 */
final class PipelineWorkers {
    /** What one worker does with each non-empty batch of its pipeline copy; it owns the batch. */
    interface BatchSink {
        void accept(Batch batch) throws InterruptedException;
    }

    private final WorkerPool pool;
    private final List<Worker> workers;
    private final CountDownLatch ended;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    /** Takes ownership of the pipelines; {@code sinks.get(i)} takes the batches of {@code pipelines.get(i)}. */
    PipelineWorkers(List<Operator> pipelines, List<BatchSink> sinks, WorkerPool pool) {
        if (pipelines.size() != sinks.size()) {
            throw new IllegalArgumentException("pipelines[" + pipelines.size() + "] and sinks[" + sinks.size()
                    + "] differ in number");
        }
        this.pool = pool;
        this.workers = new ArrayList<>(pipelines.size());
        for (int i = 0; i < pipelines.size(); i++) {
            workers.add(new Worker(pipelines.get(i), sinks.get(i)));
        }
        this.ended = new CountDownLatch(pipelines.size());
    }

    int size() {
        return workers.size();
    }

    /** Submits every copy to the pool. */
    void start() {
        for (Worker worker : workers) {
            worker.future = pool.submit(worker);
        }
    }

    /**
     * Submits every copy but the first to the pool and runs the first on the calling thread,
     * returning when it has ended (its failure, like any copy's, is kept for
     * {@link #rethrowFailure()}). A consumer that would only wait for the workers works along
     * instead; and since the copies share their morsels, the query progresses even while other
     * queries keep the pool's threads busy.
     */
    void startAndRunFirstHere() {
        for (Worker worker : workers.subList(1, workers.size())) {
            worker.future = pool.submit(worker);
        }
        workers.get(0).run();
    }

    /** Whether the copies were told to stop (after a failure or by {@link #close()}); sinks that wait check it. */
    boolean stopped() {
        return stopped;
    }

    /** Whether every copy has ended; a copy hands its last batch to its sink before it counts as ended. */
    boolean allEnded() {
        return ended.getCount() == 0;
    }

    /** Waits up to {@code millis} for every copy to end; whether they have. */
    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Throws the first failure of any copy, unchanged when it is unchecked. */
    void rethrowFailure() {
        Throwable error = failure.get();
        if (error != null) {
            rethrow(error);
        }
    }

    /** Throws a worker's failure on the consumer's thread: unchanged when unchecked, else wrapped as INTERNAL. */
    static void rethrow(Throwable error) {
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw new DepotException(ErrorCode.INTERNAL, "A query worker failed: " + error, error);
    }

    /** Stops the copies and waits until each has closed its pipeline (a copy notices within a batch). */
    void close() {
        stopped = true;
        for (Worker worker : workers) {
            worker.closeIfNotStarted();
        }
        for (Worker worker : workers) {
            worker.awaitEnd();
        }
    }

    /** One copy of the pipeline, run to its end (or until told to stop) on a pool thread. */
    private final class Worker implements Runnable {
        private final Operator pipeline;
        private final BatchSink sink;
        /** Whoever sets this first closes the pipeline: the worker when it runs, or close() before that. */
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile Future<?> future;

        Worker(Operator pipeline, BatchSink sink) {
            this.pipeline = pipeline;
            this.sink = sink;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try (pipeline) {
                while (!stopped) {
                    Batch batch = pipeline.next();
                    if (batch == null) {
                        break;
                    }
                    if (batch.rowCount() == 0) {
                        batch.close();
                        continue;
                    }
                    sink.accept(batch);
                }
            } catch (Throwable e) {
                if (failure.compareAndSet(null, e)) {
                    stopped = true;
                }
            } finally {
                ended.countDown();
            }
        }

        void closeIfNotStarted() {
            if (claimed.compareAndSet(false, true)) {
                try {
                    pipeline.close();
                } finally {
                    ended.countDown();
                    if (future != null) {
                        future.cancel(false);
                    }
                }
            }
        }

        /** Waits until the worker's task has returned, if it was submitted. */
        void awaitEnd() {
            Future<?> submitted = future;
            if (submitted != null) {
                awaitQuietly(submitted);
            }
        }
    }

    /**
     * Waits until a task has returned, whatever its outcome (its failure is reported elsewhere),
     * keeping an interrupt for the caller rather than giving up before the task ends.
     */
    static void awaitQuietly(Future<?> task) {
        boolean interrupted = false;
        while (true) {
            try {
                task.get();
                break;
            } catch (CancellationException | ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
