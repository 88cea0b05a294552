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
import java.util.concurrent.TimeUnit;

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
 * query's allocator can close right after (see {@link PipelineWorkers}).
 */
final class GatherOperator implements Operator {
    static final long POLL_MILLIS = 10;

    private final List<Column> columns;
    private final QueryMemory memory;
    private final PipelineWorkers workers;
    private final List<SharedJoinBuild> sharedBuilds;
    private final BlockingQueue<Batch> queue;
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
        this.memory = memory;
        // two batches in flight per worker keep every worker busy without holding more
        this.queue = new ArrayBlockingQueue<>(2 * pipelines.size());
        List<PipelineWorkers.BatchSink> sinks = new ArrayList<>(pipelines.size());
        for (int i = 0; i < pipelines.size(); i++) {
            sinks.add(this::hand);
        }
        this.workers = new PipelineWorkers(pipelines, sinks, pool);
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
            workers.rethrowFailure();
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
            // a worker puts its last batch before it counts itself ended, so an empty queue
            // after every worker ended means there is nothing more to come
            if (workers.allEnded() && queue.isEmpty()) {
                workers.rethrowFailure();
                finished = true;
                return null;
            }
            memory.checkNotCancelled();
        }
    }

    private void start() {
        started = true;
        buildAll(sharedBuilds);
        workers.start();
    }

    /** Builds the shared join builds on the calling thread, not in a worker: a build input may itself run on the workers. */
    static void buildAll(List<SharedJoinBuild> builds) {
        for (SharedJoinBuild build : builds) {
            build.build();
        }
    }

    /** A worker's sink: queues the batch, waiting while the queue is full; closes it if the gather stops first. */
    private void hand(Batch batch) throws InterruptedException {
        try {
            while (!queue.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (workers.stopped()) {
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

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        try {
            workers.close();
        } finally {
            drainQueue();
            closeAll(sharedBuilds);
        }
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
}
