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

    /** The system property that switches per-worker partial aggregation off ({@code false}). */
    static final String PARTIAL_AGGREGATION_PROPERTY = "depot.parallel.aggregation";

    /**
     * Whether an aggregation over a parallel pipeline aggregates on the workers (one partial per
     * copy, see {@link ParallelAggregateOperator}) rather than on the query's thread behind a
     * gather. On unless the system property {@code depot.parallel.aggregation=false} (read per
     * query). The partials do the same work per row as the one aggregation behind a gather, minus
     * handing every batch to another core, and the aggregating thread of the gather plan was
     * itself the busiest thread of TPC-H Q1 (about 40% of the query's CPU against 30% for each
     * scanning worker). The Q1 slowdown measured when this was off by default (1.5x, then 516
     * against 640 ms) did not reproduce: {@code TpchTimings} then ran the compared variant right
     * after DuckDB, and an A/A run (both variants the same) showed that position alone 15-25%
     * slower. See docs/ARCHITECTURE.md for the numbers per query.
     */
    static boolean partialAggregation() {
        return !"false".equalsIgnoreCase(System.getProperty(PARTIAL_AGGREGATION_PROPERTY));
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
