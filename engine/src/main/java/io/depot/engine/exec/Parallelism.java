package io.depot.engine.exec;

import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.ScanNode;
import java.util.Optional;

/**
 * When a query runs part of its plan on the worker pool: a scan → filter → project pipeline
 * goes parallel when the pool has more than one thread and the scanned table has at least
 * {@code minRows} rows (below that, handing batches between threads costs more than it saves).
 */
record Parallelism(WorkerPool pool, long minRows) {
    static final Parallelism SERIAL = new Parallelism(null, Long.MAX_VALUE);

    int threads() {
        return pool == null ? 1 : pool.threads();
    }

    /** The scan at the bottom of the node's pipeline, if the pipeline should run on the workers. */
    Optional<ScanNode> pipelineScan(PlanNode node) {
        if (threads() < 2) {
            return Optional.empty();
        }
        PlanNode current = node;
        while (current instanceof FilterNode || current instanceof ProjectNode) {
            current = current instanceof FilterNode filter ? filter.input() : ((ProjectNode) current).input();
        }
        if (current instanceof ScanNode scan && scan.snapshot().rowCount() >= minRows) {
            return Optional.of(scan);
        }
        return Optional.empty();
    }
}
