package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.operator.BatchFilter;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.ScanNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.sql.PlannedQuery;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.roaringbitmap.RoaringBitmap;

/**
 * DELETE through deletion vectors: evaluates the condition over every live row of the table's
 * segments, collects the positions (segment, row in segment) where it is TRUE, and records them
 * as deletion vectors in the write's commit; no row is rewritten. A condition the planner cannot
 * keep on the table's own scan (a subquery that became a join, say) is left to
 * {@link CopyOnWriteDeleter}, which evaluates any query.
 */
final class DeletionVectorDeleter implements RowDeleter {
    private final PlannedQuery matches;
    private final CopyOnWriteDeleter fallback;
    private final BufferAllocator allocator;

    /**
     * @param matches {@code SELECT * FROM t WHERE condition}: the rows to delete
     * @param fallback the same DELETE by copy-on-write, for plans other than filters over one scan
     */
    DeletionVectorDeleter(PlannedQuery matches, CopyOnWriteDeleter fallback, BufferAllocator allocator) {
        this.matches = requireNonNull(matches, "matches is null");
        this.fallback = requireNonNull(fallback, "fallback is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    List<ColumnType> parameterTypes() {
        return matches.parameterTypes();
    }

    @Override
    public long delete(TableWriter writer, List<Object> parameters) {
        PlanNode plan = matches.enginePlan(parameters);
        if (plan instanceof ValuesNode values && values.rows().isEmpty()) {
            return 0; // the planner proved that no row matches (WHERE FALSE, x = NULL)
        }
        List<BatchFilter> conditions = new ArrayList<>();
        Optional<ScanNode> scan = filteredScan(plan, conditions);
        if (scan.isEmpty() || scan.get().projection().isEmpty()) {
            return fallback.delete(writer, parameters);
        }
        Snapshot snapshot = scan.get().snapshot();
        long base = writer.baseSnapshot().map(Snapshot::version).orElse(-1L);
        if (snapshot.version() != base) {
            throw new DepotException(ErrorCode.CONFLICT, String.format(
                    "Table[%s] changed while DELETE planned (version %d, writing on %d); run it again",
                    snapshot.tableName(), snapshot.version(), base));
        }
        if (snapshot.deltaRowCount() > 0) {
            // Deletion vectors cover segments only; the writer folds the write-ahead log first.
            throw new DepotException(ErrorCode.INTERNAL, String.format(
                    "Table[%s] version[%d] has %d rows in its write-ahead log that DELETE would not see",
                    snapshot.tableName(), snapshot.version(), snapshot.deltaRowCount()));
        }
        int[] columns = scan.get().projection().stream().mapToInt(Integer::intValue).toArray();
        long deleted = 0;
        // A child allocator per statement: the blocks it reads are accounted for and must all be freed.
        try (BufferAllocator blocks = allocator.newChildAllocator("delete " + snapshot.tableName(), 0, Long.MAX_VALUE)) {
            for (int index = 0; index < snapshot.segmentCount(); index++) {
                RoaringBitmap rows = matchingRows(snapshot, index, columns, conditions, blocks);
                if (!rows.isEmpty()) {
                    writer.delete(snapshot.segmentId(index), rows);
                    deleted += rows.getLongCardinality();
                }
            }
        }
        return deleted;
    }

    /**
     * The scan under {@code plan} when the plan only filters (and projects) it, with the filters'
     * conditions added to {@code conditions} (innermost first); empty for any other plan.
     */
    private static Optional<ScanNode> filteredScan(PlanNode plan, List<BatchFilter> conditions) {
        if (plan instanceof ProjectNode project) {
            return filteredScan(project.input(), conditions);
        }
        if (plan instanceof FilterNode filter) {
            Optional<ScanNode> scan = filteredScan(filter.input(), conditions);
            conditions.add(new BatchFilter(filter.condition()));
            return scan;
        }
        if (plan instanceof ScanNode scan) {
            scan.filter().ifPresent(condition -> conditions.add(new BatchFilter(condition)));
            return Optional.of(scan);
        }
        return Optional.empty();
    }

    /** Positions in segment {@code index} of the live rows for which every condition is TRUE. */
    private static RoaringBitmap matchingRows(Snapshot snapshot, int index, int[] columns, List<BatchFilter> conditions,
            BufferAllocator blocks) {
        RoaringBitmap result = new RoaringBitmap();
        try (SegmentReader segment = snapshot.openSegment(index)) {
            int blockStart = 0;
            for (int block = 0; block < segment.blockCount(); block++) {
                int rows = segment.blockRowCount(block);
                Optional<RoaringBitmap> live = segment.liveRows(block);
                if (rows > 0 && (live.isEmpty() || !live.get().isEmpty())) {
                    addMatches(segment, block, columns, live, conditions, blockStart, result, blocks);
                }
                blockStart += rows;
            }
        }
        return result;
    }

    private static void addMatches(SegmentReader segment, int block, int[] columns, Optional<RoaringBitmap> live,
            List<BatchFilter> conditions, int blockStart, RoaringBitmap result, BufferAllocator blocks) {
        VectorSchemaRoot root = segment.readBlock(block, columns, blocks);
        Batch batch = live.isEmpty() ? Batch.of(root)
                : Batch.selected(root, live.get().toArray(), live.get().getCardinality());
        // Each filter sees only the rows the ones before kept, as in the scan and filter operators.
        for (BatchFilter condition : conditions) {
            if (batch == null) {
                return;
            }
            batch = condition.apply(batch);
        }
        if (batch == null) {
            return;
        }
        try (Batch matched = batch) {
            int[] selection = matched.selection();
            for (int row = 0; row < matched.rowCount(); row++) {
                result.add(blockStart + (selection == null ? row : selection[row]));
            }
        }
    }
}
