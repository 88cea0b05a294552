package io.depot.engine.exec;

import io.depot.engine.expression.ColumnReference;
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
     * The system property that turns per-worker partial aggregation on for every parallel pipeline
     * ({@code true}) or off for all ({@code false}); unset, pipelines without joins into few groups
     * aggregate in partials (see {@link #partialAggregation}).
     */
    static final String PARTIAL_AGGREGATION_PROPERTY = "depot.parallel.aggregation";

    /**
     * By default an aggregation aggregates in partials only when the table statistics put its
     * groups at most this many (the product over its keys of their distinct values plus NULL).
     */
    static final long PARTIAL_GROUP_LIMIT = 1_024;

    /**
     * Whether {@code aggregate}, over a parallel pipeline, aggregates on the workers (one partial
     * per copy, see {@link ParallelAggregateOperator}) rather than on the query's thread behind a
     * gather. The system property {@code depot.parallel.aggregation} (read per query) forces it on
     * ({@code true}) or off ({@code false}). By default only a pipeline without joins (scan,
     * filters, projections) whose keys are scan columns with at most {@link #PARTIAL_GROUP_LIMIT}
     * combinations by the table's distinct counts, or that has no keys, aggregates in partials
     * (TPC-H Q1, Q6). Once projections handed their computed columns on as arrays (see
     * {@code UnpackedColumns}), the gather plan's aggregating thread spent most of its time pulling
     * each batch's values over from the core that made them, and Q1 took a third less CPU with
     * partials (session 10, interleaved in one JVM: median 390 against 562 ms, CPU 250 against
     * 350 ms). Many groups cost every partial its own table and a merge: Q15, Q17 and Q18 (join-free
     * aggregations of lineitem into 10,000 to 1.5 million groups) were slower with partials (Q18
     * median 1,539 against 1,197 ms, CPU 1,010 against 650 ms), as session 8 had seen for Q18; on
     * the loaded 2-core machine of session 8 Q3, Q12 and Q21 (joins) were slower with partials
     * too. Compare with {@code TpchTimings -Ddepot.tpch.timings.without=depot.parallel.aggregation=...}
     * before widening it.
     */
    static boolean partialAggregation(AggregateNode aggregate) {
        String setting = System.getProperty(PARTIAL_AGGREGATION_PROPERTY, "");
        if ("true".equalsIgnoreCase(setting)) {
            return true;
        }
        if ("false".equalsIgnoreCase(setting)) {
            return false;
        }
        PlanNode current = aggregate.input();
        while (current instanceof FilterNode || current instanceof ProjectNode) {
            current = current.inputs().get(0);
        }
        if (!(current instanceof ScanNode)) {
            return false;
        }
        long groups = 1;
        for (int key : aggregate.groupKeys()) {
            long distinct = distinctValues(aggregate.input(), key);
            // plus one for NULL; checked before multiplying, so the product never overflows
            if (distinct < 0 || distinct + 1 > PARTIAL_GROUP_LIMIT / groups) {
                return false;
            }
            groups *= distinct + 1;
        }
        return true;
    }

    /**
     * The table's distinct count of the scan column that output column {@code column} of a
     * scan/filter/projection pipeline carries unchanged, or -1 when it is computed.
     */
    private static long distinctValues(PlanNode node, int column) {
        if (node instanceof FilterNode filter) {
            return distinctValues(filter.input(), column);
        }
        if (node instanceof ProjectNode project) {
            return project.expressions().get(column) instanceof ColumnReference reference
                    ? distinctValues(project.input(), reference.index()) : -1;
        }
        if (node instanceof ScanNode scan) {
            return scan.snapshot().statistics().column(scan.projection().get(column)).distinctCount();
        }
        return -1;
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
