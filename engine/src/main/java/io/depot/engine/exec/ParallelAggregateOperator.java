package io.depot.engine.exec;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.BatchBuilder;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.GroupedAggregation;
import io.depot.engine.operator.Operator;
import io.depot.engine.operator.SharedJoinBuild;
import io.depot.engine.plan.AggregateCall;
import io.depot.engine.plan.AggregateNode;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A hash aggregation over a parallel pipeline, aggregated where the rows are made: every worker,
 * and the query's own thread, runs its own copy of the pipeline (sharing the scan's morsels and
 * the join builds, as below a {@link GatherOperator}) into its own partial
 * {@link GroupedAggregation}, so no row crosses a thread; the planner makes one copy more than the
 * pool has threads. When every copy has ended the partials are merged: by the consumer's thread into the
 * first partial when there are few groups (a global aggregate has one), else in hash partitions,
 * one per copy, each building the final groups of its partition from every partial (the pool's
 * threads merge all partitions but the first, which the query's thread merges). The groups are emitted partition by partition; their order is not defined, as the
 * rows' order below a parallel pipeline is not.
 *
 * <p>Failures, cancellation and {@link #close()} behave as for a gather: the first failure of a
 * worker or merge is thrown unchanged from {@link #next()}, and close waits for every worker and
 * merge task before it gives back the partials' memory.
 */
final class ParallelAggregateOperator implements Operator {
    /** Below this many groups over all partials, merging on one thread costs less than starting tasks. */
    static final int PARTITIONED_MERGE_MIN_GROUPS = 16_384;

    private final List<Column> columns;
    private final List<Column> inputColumns;
    private final List<Integer> groupKeys;
    private final List<AggregateCall> calls;
    private final QueryMemory memory;
    private final WorkerPool pool;
    private final List<SharedJoinBuild> sharedBuilds;
    private final List<GroupedAggregation> partials;
    private final PipelineWorkers workers;
    /** Every state made, for close: the partials, then the merged partitions. */
    private final List<GroupedAggregation> states = new ArrayList<>();
    private final List<Future<?>> merges = new ArrayList<>();
    private volatile boolean stopped;
    private List<GroupedAggregation> results;
    private int resultPartition;
    private int nextGroup;
    private boolean finished;

    /**
     * Takes ownership of the pipeline copies, one per worker, and of the join builds they share,
     * which it builds on the consumer's thread before the workers start.
     */
    ParallelAggregateOperator(AggregateNode aggregate, List<Operator> pipelines, List<SharedJoinBuild> sharedBuilds,
            WorkerPool pool, QueryMemory memory) {
        this.columns = aggregate.columns();
        this.inputColumns = aggregate.input().columns();
        this.groupKeys = aggregate.groupKeys();
        this.calls = aggregate.calls();
        this.memory = memory;
        this.pool = pool;
        this.sharedBuilds = List.copyOf(sharedBuilds);
        this.partials = new ArrayList<>(pipelines.size());
        List<PipelineWorkers.BatchSink> sinks = new ArrayList<>(pipelines.size());
        for (int i = 0; i < pipelines.size(); i++) {
            GroupedAggregation partial = newState();
            partials.add(partial);
            sinks.add(batch -> {
                try (batch) {
                    partial.add(batch);
                }
            });
        }
        this.workers = new PipelineWorkers(pipelines, sinks, pool);
    }

    private GroupedAggregation newState() {
        GroupedAggregation state = new GroupedAggregation(inputColumns, groupKeys, calls, memory);
        states.add(state);
        return state;
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
        if (results == null) {
            try {
                aggregatePartials();
                results = mergePartials();
            } catch (RuntimeException | Error e) {
                // the workers ran once; a failed aggregation has no result to give later
                finished = true;
                throw e;
            }
        }
        while (resultPartition < results.size()) {
            GroupedAggregation partition = results.get(resultPartition);
            int count = Math.min(Batch.MAX_ROWS, partition.groupCount() - nextGroup);
            if (count > 0) {
                Batch batch = BatchBuilder.build(columns, partition.output(nextGroup, count), count, memory.allocator());
                nextGroup += count;
                return batch;
            }
            resultPartition++;
            nextGroup = 0;
        }
        finished = true;
        return null;
    }

    /** Runs the pipeline copies into their partials and waits until every copy has ended. */
    private void aggregatePartials() {
        GatherOperator.buildAll(sharedBuilds);
        workers.startAndRunFirstHere();
        try {
            while (!workers.awaitEnd(GatherOperator.POLL_MILLIS)) {
                workers.rethrowFailure();
                memory.checkNotCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DepotException(ErrorCode.INTERNAL, "Interrupted while waiting for the query's workers", e);
        }
        workers.rethrowFailure();
    }

    /** The merged groups, as one or more partitions; gives back the memory of partials no longer needed. */
    private List<GroupedAggregation> mergePartials() {
        long groups = 0;
        for (GroupedAggregation partial : partials) {
            groups += partial.groupCount();
        }
        if (groupKeys.isEmpty() || groups < PARTITIONED_MERGE_MIN_GROUPS || partials.size() < 2) {
            GroupedAggregation first = partials.get(0);
            for (GroupedAggregation partial : partials.subList(1, partials.size())) {
                first.merge(partial, 0, 1);
                partial.close();
            }
            return List.of(first);
        }
        // one partition per copy: the pool's threads merge all but the first, this thread that one
        int partitionCount = partials.size();
        List<GroupedAggregation> partitions = new ArrayList<>(partitionCount);
        for (int partition = 0; partition < partitionCount; partition++) {
            partitions.add(newState());
        }
        for (int partition = 1; partition < partitionCount; partition++) {
            int index = partition;
            merges.add(pool.submit(() -> mergePartition(partitions.get(index), index, partitionCount)));
        }
        mergePartition(partitions.get(0), 0, partitionCount);
        for (Future<?> merge : merges) {
            awaitMerge(merge);
        }
        partials.forEach(GroupedAggregation::close);
        return partitions;
    }

    /** Merges one hash partition of every partial into {@code target}; stops early when the operator closes. */
    private void mergePartition(GroupedAggregation target, int partition, int partitionCount) {
        for (GroupedAggregation partial : partials) {
            if (stopped) {
                return;
            }
            memory.checkNotCancelled();
            target.merge(partial, partition, partitionCount);
        }
    }

    private void awaitMerge(Future<?> merge) {
        while (true) {
            try {
                merge.get(GatherOperator.POLL_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                memory.checkNotCancelled();
            } catch (ExecutionException e) {
                PipelineWorkers.rethrow(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DepotException(ErrorCode.INTERNAL, "Interrupted while waiting for the query's workers", e);
            }
        }
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        stopped = true;
        try {
            workers.close();
            for (Future<?> merge : merges) {
                PipelineWorkers.awaitQuietly(merge);
            }
        } finally {
            states.forEach(GroupedAggregation::close);
            GatherOperator.closeAll(sharedBuilds);
        }
    }
}
