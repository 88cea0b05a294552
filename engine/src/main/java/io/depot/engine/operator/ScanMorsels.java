package io.depot.engine.operator;

import io.depot.storage.segment.SegmentReader;
import io.depot.storage.table.Snapshot;

/**
 * Hands out a snapshot's blocks, one (segment, block) morsel at a time, to the scans of the
 * workers of one parallel pipeline. Thread-safe: each block goes to exactly one worker, in
 * segment order, so workers that finish early simply take more. The snapshot's delta rows come
 * last, as morsels of segment {@code segmentCount()} whose block is the chunk of
 * {@link ScanOperator#DELTA_BATCH_ROWS} rows.
 */
public final class ScanMorsels {
    private final Snapshot snapshot;
    private int segment = -1;
    private int blockCount;
    private int nextBlock;

    public ScanMorsels(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /**
     * The next morsel as {@code segment << 32 | block}, or -1 when every block has been handed
     * out. A long rather than an object: this runs once per block on every worker.
     */
    public synchronized long claim() {
        while (nextBlock >= blockCount) {
            if (segment + 1 > snapshot.segmentCount()) {
                return -1;
            }
            segment++;
            nextBlock = 0;
            if (segment == snapshot.segmentCount()) {
                blockCount = (int) ((snapshot.deltaRowCount() + (long) ScanOperator.DELTA_BATCH_ROWS - 1)
                        / ScanOperator.DELTA_BATCH_ROWS);
                continue;
            }
            // the block count lives in the segment's footer; the worker reopens it to read blocks
            try (SegmentReader reader = snapshot.openSegment(segment)) {
                blockCount = reader.blockCount();
            }
        }
        return ((long) segment << 32) | nextBlock++;
    }

    public static int segmentOf(long morsel) {
        return (int) (morsel >>> 32);
    }

    public static int blockOf(long morsel) {
        return (int) morsel;
    }
}
