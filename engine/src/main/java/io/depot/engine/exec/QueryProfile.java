package io.depot.engine.exec;

import static java.util.Objects.requireNonNull;

import io.depot.engine.operator.ScanStatistics;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.PlanPrinter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of running a plan for EXPLAIN ANALYZE: per plan node what its operator produced and
 * the time it took, plus the query's totals.
 */
public final class QueryProfile {
    private final PlanNode plan;
    private final Map<PlanNode, OperatorProfile> operators;
    private final long elapsedNanos;
    private final long peakMemoryBytes;

    QueryProfile(PlanNode plan, IdentityHashMap<PlanNode, OperatorProfile> operators, long elapsedNanos, long peakMemoryBytes) {
        this.plan = requireNonNull(plan, "plan is null");
        this.operators = operators;
        this.elapsedNanos = elapsedNanos;
        this.peakMemoryBytes = peakMemoryBytes;
    }

    /** The profile of a node of the plan (by identity), or null when it never ran. */
    public OperatorProfile operator(PlanNode node) {
        return operators.get(node);
    }

    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** The most Arrow memory the query held at once. */
    public long peakMemoryBytes() {
        return peakMemoryBytes;
    }

    /**
     * The plan, one line per node as EXPLAIN prints it, each followed by what ran: rows, batches,
     * bytes, total and own time, and for scans the blocks read and skipped; then the totals.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(PlanPrinter.lines(plan, this::describe));
        lines.add(String.format("Total: %.1f ms, peak memory %s", elapsedNanos / 1e6, bytes(peakMemoryBytes)));
        return lines;
    }

    private String describe(PlanNode node) {
        OperatorProfile profile = operators.get(node);
        if (profile == null) {
            return "(not run)";
        }
        long inputNanos = 0;
        for (PlanNode input : node.inputs()) {
            OperatorProfile inputProfile = operators.get(input);
            inputNanos += inputProfile == null ? 0 : inputProfile.nanos();
        }
        String text = String.format("(rows=%d, batches=%d, bytes=%s, time=%.1f ms, self=%.1f ms",
                profile.rows(), profile.batches(), bytes(profile.bytes()),
                profile.nanos() / 1e6, Math.max(0, profile.nanos() - inputNanos) / 1e6);
        ScanStatistics scan = profile.scan();
        if (scan != null) {
            text += String.format(", segments=%d, blocks read=%d skipped=%d of %d, rows read=%d",
                    scan.segmentsOpened(), scan.blocksRead(), scan.blocksSkipped(), scan.blocksTotal(), scan.rowsRead());
            if (scan.deltaRowsRead() > 0) {
                text += String.format(" (write-ahead log rows=%d)", scan.deltaRowsRead());
            }
            if (scan.runtimeFilters() > 0) {
                text += String.format(", runtime filters=%d: blocks skipped=%d, rows dropped=%d", scan.runtimeFilters(),
                        scan.blocksSkippedByRuntimeFilter(), scan.rowsDroppedByRuntimeFilter());
            }
            if (scan.columnsReadAtRows() > 0) {
                text += String.format(", filter columns read at open rows=%d (%d rows)", scan.columnsReadAtRows(),
                        scan.rowsReadAtRows());
            }
        }
        return text + ")";
    }

    private static String bytes(long bytes) {
        if (bytes < 10_000) {
            return bytes + " B";
        }
        if (bytes < 10_000_000) {
            return String.format("%.1f KB", bytes / 1e3);
        }
        return String.format("%.1f MB", bytes / 1e6);
    }
}
