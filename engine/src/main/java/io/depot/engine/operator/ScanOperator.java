package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.plan.ScanNode;
import io.depot.engine.scan.ZoneMapPruner;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.table.Snapshot;
import io.depot.storage.type.Column;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads a pinned snapshot segment by segment, block by block: skips blocks whose zone maps prove
 * the filter cannot match, decodes only the projected columns of the rest, and applies the
 * filter. One batch per block.
 */
public final class ScanOperator implements Operator {
    private final Snapshot snapshot;
    private final List<Column> columns;
    private final int[] tableColumns;
    private final BatchFilter filter;
    private final ZoneMapPruner pruner;
    private final BufferAllocator allocator;
    private final ScanStatistics statistics = new ScanStatistics();
    private SegmentReader segment;
    private int nextSegment;
    private int nextBlock;
    private boolean finished;

    public ScanOperator(ScanNode node, BufferAllocator allocator) {
        this.snapshot = node.snapshot();
        this.columns = node.columns();
        this.tableColumns = node.projection().stream().mapToInt(Integer::intValue).toArray();
        this.filter = node.filter().map(BatchFilter::new).orElse(null);
        this.pruner = node.filter()
                .map(condition -> ZoneMapPruner.forFilter(condition, node.projection()))
                .orElse(ZoneMapPruner.none());
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    /** Counters of segments and blocks opened, skipped and read so far. */
    public ScanStatistics statistics() {
        return statistics;
    }

    @Override
    public Batch next() {
        while (!finished) {
            if (segment == null && !openNextSegment()) {
                finished = true;
                return null;
            }
            if (nextBlock >= segment.blockCount()) {
                closeSegment();
                continue;
            }
            int block = nextBlock++;
            int rows = segment.blockRowCount(block);
            if (rows == 0) {
                continue;
            }
            if (!pruner.mightMatch(segment, block)) {
                statistics.blockSkipped();
                continue;
            }
            Batch batch = Batch.of(readBlock(block, rows));
            statistics.blockRead(rows);
            Batch filtered = filter == null ? batch : filter.apply(batch);
            if (filtered != null) {
                return filtered;
            }
        }
        return null;
    }

    private VectorSchemaRoot readBlock(int block, int rows) {
        if (tableColumns.length == 0) {
            // Nothing to decode (e.g. COUNT(*)): only the row count matters.
            VectorSchemaRoot root = new VectorSchemaRoot(List.of());
            root.setRowCount(rows);
            return root;
        }
        return segment.readBlock(block, tableColumns, allocator);
    }

    private boolean openNextSegment() {
        if (nextSegment >= snapshot.segmentCount()) {
            return false;
        }
        segment = snapshot.openSegment(nextSegment++);
        nextBlock = 0;
        statistics.segmentOpened(segment.blockCount());
        return true;
    }

    private void closeSegment() {
        if (segment != null) {
            SegmentReader closing = segment;
            segment = null;
            closing.close();
        }
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        closeSegment();
    }
}
