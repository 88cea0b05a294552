package io.depot.sql.ddl;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Keeps small writes from leaving a trail of tiny segments. Every INSERT is its own commit and
 * writes its own segment; once a table ends in {@link #FOLD_AT} or more small segments, the next
 * INSERT copies their rows into its own segment and leaves them out of its commit. The rewrite
 * happens inside the INSERT's one atomic commit, so a crash keeps either the old segments or the
 * folded one. A folded segment stays small (and is folded again) until it reaches
 * {@link #SMALL_SEGMENT_ROWS}, so each row is rewritten a bounded number of times.
 */
final class TailFolder {
    /** Segments with fewer rows than this (one engine block) count as small. */
    static final long SMALL_SEGMENT_ROWS = 65_536;
    /** Trailing small segments that trigger a fold. */
    static final int FOLD_AT = 32;

    private TailFolder() {}

    /**
     * Appends the rows of the table's trailing small segments to {@code writer} and removes
     * those segments from its commit, when there are at least {@link #FOLD_AT} of them.
     * {@code base} must be the snapshot the writer started from. Returns the segments folded.
     */
    static int foldIfLong(TableWriter writer, Snapshot base, BufferAllocator allocator) {
        if (base.segmentCount() != writer.baseSegmentCount()) {
            throw new DepotException(ErrorCode.INTERNAL, "Snapshot of table[" + writer.tableName()
                    + "] is not the version its writer started from");
        }
        int first = base.segmentCount();
        while (first > 0 && base.segmentRowCount(first - 1) < SMALL_SEGMENT_ROWS) {
            first--;
        }
        int count = base.segmentCount() - first;
        if (count < FOLD_AT) {
            return 0;
        }
        int[] columns = IntStream.range(0, base.schema().size()).toArray();
        for (int segment = first; segment < base.segmentCount(); segment++) {
            try (SegmentReader reader = base.openSegment(segment)) {
                for (int block = 0; block < reader.blockCount(); block++) {
                    try (VectorSchemaRoot rows = reader.readBlock(block, columns, allocator)) {
                        writer.append(rows);
                    }
                }
            }
            writer.removeBaseSegment(segment);
        }
        return count;
    }
}
