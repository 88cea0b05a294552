package io.depot.engine.exec;

import io.depot.engine.operator.HashJoinOperator;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.ScanNode;
import java.util.Optional;

/**
 * When a query runs part of its plan on the worker pool: a pipeline from a scan through filters,
 * projections and the probe sides of hash joins goes parallel when the pool has more than one
 * thread and the scanned table has at least {@code minRows} rows (below that, handing batches
 * between threads costs more than it saves). A join takes part when its copies can share one
 * build (see {@link io.depot.engine.operator.SharedJoinBuild}).
 */
record Parallelism(WorkerPool pool, long minRows) {
    static final Parallelism SERIAL = new Parallelism(null, Long.MAX_VALUE);

    /**
     * The system property that turns per-worker partial aggregation on for every parallel pipeline
     * ({@code true}) or off for all ({@code false}); unset, pipelines without joins aggregate in
     * partials (see {@link #partialAggregation}).
     */
    static final String PARTIAL_AGGREGATION_PROPERTY = "depot.parallel.aggregation";

    /**
     * Whether an aggregation over the parallel pipeline {@code pipeline} aggregates on the workers
     * (one partial per copy, see {@link ParallelAggregateOperator}) rather than on the query's
     * thread behind a gather. The system property {@code depot.parallel.aggregation} (read per
     * query) forces it on ({@code true}) or off ({@code false}); by default only pipelines without
     * a join (scan, filters, projections: TPC-H Q1, Q6) aggregate in partials. Once projections
     * handed their computed columns on as arrays (see {@code UnpackedColumns}), the gather plan's
     * aggregating thread spent most of its time pulling each batch's values over from the core that
     * made them, and Q1 took a third less CPU with partials (session 10, interleaved in one JVM:
     * median 390 against 562 ms, CPU 250 against 350 ms). Pipelines with joins keep the gather
     * plan: on the loaded 2-core machine of session 8 two interleaved 22-query runs had Q3, Q12,
     * Q18 and Q21 slower with partials in both (Q18 median 2,967 against 2,450 ms, then 2,506
     * against 2,060), with A/A noise there reaching 2x for short queries; compare with
     * {@code TpchTimings -Ddepot.tpch.timings.without=depot.parallel.aggregation=true} before
     * widening it.
     */
    static boolean partialAggregation(PlanNode pipeline) {
        String setting = System.getProperty(PARTIAL_AGGREGATION_PROPERTY, "");
        if ("true".equalsIgnoreCase(setting)) {
            return true;
        }
        if ("false".equalsIgnoreCase(setting)) {
            return false;
        }
        PlanNode current = pipeline;
        while (current instanceof FilterNode || current instanceof ProjectNode) {
            current = current.inputs().get(0);
        }
        return current instanceof ScanNode;
    }

    int threads() {
        return pool == null ? 1 : pool.threads();
    }

    /** The scan at the bottom of the node's pipeline, if the pipeline should run on the workers. */
    Optional<ScanNode> pipelineScan(PlanNode node) {
        if (threads() < 2) {
            return Optional.empty();
        }
        PlanNode current = node;
        while (true) {
            if (current instanceof FilterNode filter) {
                current = filter.input();
            } else if (current instanceof ProjectNode project) {
                current = project.input();
            } else if (current instanceof JoinNode join && probesSharedBuild(join)) {
                current = JoinSides.probeSide(join);
            } else {
                break;
            }
        }
        if (current instanceof ScanNode scan && scan.snapshot().rowCount() >= minRows) {
            return Optional.of(scan);
        }
        return Optional.empty();
    }

    /** Whether copies of a pipeline may run through the join, probing one build they share. */
    static boolean probesSharedBuild(JoinNode join) {
        return HashJoinOperator.maySharedBuild(join.type(), JoinSides.buildsOnLeft(join));
    }
}
