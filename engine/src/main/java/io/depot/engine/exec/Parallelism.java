package io.depot.engine.exec;

import io.depot.engine.operator.HashJoinOperator;
import io.depot.engine.plan.AggregateNode;
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
     * The system property that chooses where aggregations over parallel pipelines aggregate:
     * {@code false} always behind a gather, {@code true} always in per-worker partials, unset
     * (the default) in partials when the aggregation has group keys.
     */
    static final String PARTIAL_AGGREGATION_PROPERTY = "depot.parallel.aggregation";

    /**
     * Whether this aggregation over a parallel pipeline aggregates on the workers (one partial per
     * copy, see {@link ParallelAggregateOperator}) rather than on the query's thread behind a
     * gather; the property is read per query (see {@link #PARTIAL_AGGREGATION_PROPERTY}).
     *
     * <p>Grouped aggregations: the partials do the gather plan's work per row without handing
     * every batch to another core, and the gather plan's aggregating thread is its busiest one
     * (TPC-H Q1: about 40% of the samples against 30% per scanning worker) or its bottleneck (Q18's
     * 1.5 M groups). Profiles of Q1 in both modes show the same frames and CPU time, and the query's
     * thread never waits for the workers. The Q1 slowdowns measured while this was off (1.5x in
     * alternating JVMs, then 516 against 640 ms with the compared runs always right after
     * DuckDB's) did not reproduce on the loaded 2-core machine of session 8, where even A/A
     * comparisons differ by up to 30%.
     *
     * <p>Global aggregates (no keys) stay behind the gather: their one group takes a few adds per
     * row, so the gather's consumer is never the bottleneck and partials have nothing to win, and
     * TPC-H Q6, Q14 and Q17 measured 15-90% slower with partials in both positions of the
     * interleaved comparison (why is not known: the extra CPU-bound copy on a 2-core machine is
     * the suspect). Re-measure on an idle machine with
     * {@code TpchTimings -Ddepot.tpch.timings.without=depot.parallel.aggregation=true}.
     */
    static boolean partialAggregation(AggregateNode aggregate) {
        String setting = System.getProperty(PARTIAL_AGGREGATION_PROPERTY, "");
        if (setting.equalsIgnoreCase("false")) {
            return false;
        }
        return setting.equalsIgnoreCase("true") || !aggregate.groupKeys().isEmpty();
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
