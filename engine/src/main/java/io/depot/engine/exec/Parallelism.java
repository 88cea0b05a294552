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

    /** The system property that turns per-worker partial aggregation on ({@code true}). */
    static final String PARTIAL_AGGREGATION_PROPERTY = "depot.parallel.aggregation";

    /**
     * Whether an aggregation over a parallel pipeline aggregates on the workers (one partial per
     * copy, see {@link ParallelAggregateOperator}) rather than on the query's thread behind a
     * gather. Off unless the system property {@code depot.parallel.aggregation=true} (read per
     * query). In principle the partials do the gather plan's work per row without handing each
     * batch to another core, and JFR profiles of TPC-H Q1 show the same frames and CPU time in both
     * modes with the query's thread never waiting for the workers; yet on the loaded 2-core machine
     * of session 8 two interleaved 22-query runs (one per position) had Q3, Q12, Q18 and Q21
     * slower with partials in both (Q18 median 2,967 against 2,450 ms, then 2,506 against 2,060),
     * with A/A noise there reaching 2x for short queries. Until an idle machine shows partials at
     * least as fast everywhere ({@code TpchTimings -Ddepot.tpch.timings.without=depot.parallel.aggregation=true}),
     * the gather plan stays the default.
     */
    static boolean partialAggregation() {
        return "true".equalsIgnoreCase(System.getProperty(PARTIAL_AGGREGATION_PROPERTY));
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
