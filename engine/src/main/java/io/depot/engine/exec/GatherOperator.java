package io.depot.engine.exec;

import io.depot.engine.batch.Batch;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.Operator;
import io.depot.engine.operator.SharedJoinBuild;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The exchange between a parallel pipeline and its consumer: runs one copy of the pipeline per
 * worker on the {@link WorkerPool} (the copies share their scan's morsels and the hash tables of
 * the joins they probe, see {@link SharedJoinBuild}) and hands their
 * batches to the consumer through a bounded queue, so workers wait when the consumer falls
 * behind and the query's memory stays bounded. Batch order across workers is not defined, so
 * only order-insensitive consumers (aggregation, sort, top-N, a join's build) read from a gather,
 * and each reads it to its end within one call: a reader that pauses mid-result (a JDBC result
 * set) never sits above a gather, so its pause cannot keep workers blocked on a full queue.
 *
 * <p>The first failure of any worker stops the others and is thrown, unchanged, from the
 * consumer's {@link #next()}. Cancelling the query makes the workers' next allocation fail,
 * and {@link #close()} stops them and waits until each has released what it held, so the
 * query's allocator can close right after.
 */
final class GatherOperator implements Operator {
    private static final long POLL_MILLIS = 10;

    private final List<Column> columns;
    private final WorkerPool pool;
    private final QueryMemory memory;
    private final List<Worker> workers;
    private final List<SharedJoinBuild> sharedBuilds;
    private final BlockingQueue<Batch> queue;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private boolean started;
    private boolean finished;

    /**
     * Takes ownership of the pipelines, one per worker, and of the join builds they share, which
     * it builds on the consumer's thread before the workers start and closes after they end.
     */
    GatherOperator(List<Column> columns, List<Operator> pipelines, List<SharedJoinBuild> sharedBuilds, WorkerPool pool,
            QueryMemory memory) {
        this.columns = List.copyOf(columns);
        this.sharedBuilds = List.copyOf(sharedBuilds);
        this.pool = pool;
        this.memory = memory;
        this.workers = new ArrayList<>(pipelines.size());
        for (Operator pipeline : pipelines) {
            workers.add(new Worker(pipeline));
        }
        // two batches in flight per worker keep every worker busy without holding more
        this.queue = new ArrayBlockingQueue<>(2 * pipelines.size());
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Batch next() {
        if (finished) {
            return null;
        }
        if (!started) {
            start();
        }
        while (true) {
            rethrowFailure();
            Batch batch;
            try {
                batch = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DepotException(ErrorCode.INTERNAL, "Interrupted while waiting for the query's workers", e);
            }
            if (batch != null) {
                return batch;
            }
            // a worker puts its last batch before it counts itself done, so an empty queue
            // after the count reached zero means there is nothing more to come
            if (running.get() == 0 && queue.isEmpty()) {
                rethrowFailure();
                finished = true;
                return null;
            }
            memory.checkNotCancelled();
        }
    }

    private void start() {
        started = true;
        // Built here, not by the first worker: a build input may itself run on the workers.
        for (SharedJoinBuild build : sharedBuilds) {
            build.build();
        }
        running.set(workers.size());
        for (Worker worker : workers) {
            worker.future = pool.submit(worker);
        }
    }

    private void rethrowFailure() {
        Throwable error = failure.get();
        if (error == null) {
            return;
        }
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw new DepotException(ErrorCode.INTERNAL, "A query worker failed: " + error, error);
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        stopped = true;
        for (Worker worker : workers) {
            worker.closeIfNotStarted();
        }
        for (Worker worker : workers) {
            drainQueue();
            worker.awaitEnd();
        }
        drainQueue();
        closeAll(sharedBuilds);
    }

    /** Closes every build, even when one fails to close; the first failure is thrown. */
    static void closeAll(List<SharedJoinBuild> builds) {
        RuntimeException failure = null;
        for (SharedJoinBuild build : builds) {
            try {
                build.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void drainQueue() {
        for (Batch batch = queue.poll(); batch != null; batch = queue.poll()) {
            batch.close();
        }
    }

    /** One copy of the pipeline, run to its end (or until the gather stops) on a pool thread. */
    private final class Worker implements Runnable {
        private final Operator pipeline;
        /** Whoever sets this first closes the pipeline: the worker when it runs, or close() before that. */
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile Future<?> future;

        Worker(Operator pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                running.decrementAndGet();
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
                    hand(batch);
                }
            } catch (Throwable e) {
                if (failure.compareAndSet(null, e)) {
                    stopped = true;
                }
            } finally {
                running.decrementAndGet();
            }
        }

        /** Queues the batch, waiting while the queue is full; closes it if the gather stops first. */
        private void hand(Batch batch) throws InterruptedException {
            try {
                while (!queue.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        batch.close();
                        return;
                    }
                    memory.checkNotCancelled();
                }
            } catch (RuntimeException | InterruptedException e) {
                batch.close();
                throw e;
            }
        }

        void closeIfNotStarted() {
            if (claimed.compareAndSet(false, true)) {
                pipeline.close();
                if (future != null && future.cancel(false)) {
                    running.decrementAndGet();
                }
            }
        }

        /** Waits until the worker has closed its pipeline (it notices {@code stopped} within a batch). */
        void awaitEnd() {
            Future<?> running = future;
            if (running == null) {
                return;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    running.get();
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
}
