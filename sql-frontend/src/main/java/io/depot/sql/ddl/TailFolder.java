package io.depot.sql.ddl;

import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Keeps small writes from leaving a trail of tiny segments. Every INSERT is its own commit and
 * writes its own segment; once a table has {@link #FOLD_AT} or more small segments, the next
 * INSERT copies their live rows into its own segments and leaves them out of its commit. The rewrite
 * happens inside the INSERT's one atomic commit, so a crash keeps either the old segments or the
 * folded one. A folded segment stays small (and is folded again) until it reaches
 * {@link #SMALL_SEGMENT_ROWS}, so each row is rewritten a bounded number of times.
 */
final class TailFolder {
    /** Segments with fewer rows than this (one engine block) count as small. */
    static final long SMALL_SEGMENT_ROWS = 65_536;
    /** Small segments that trigger a fold. */
    static final int FOLD_AT = 32;

    private TailFolder() {}

    /**
     * Compacts the table's small segments into {@code writer}'s commit (storage's
     * {@link TableWriter#compactSmallSegments}, which drops deleted rows) once there are at least
     * {@link #FOLD_AT} of them. Returns the segments folded.
     */
    static int foldIfLong(TableWriter writer, BufferAllocator allocator) {
        Snapshot base = writer.baseSnapshot().orElse(null);
        return base == null || !isLong(base) ? 0 : writer.compactSmallSegments(SMALL_SEGMENT_ROWS, allocator);
    }

    /** Whether the table ends in enough small segments that the next INSERT should fold them. */
    static boolean isLong(Snapshot base) {
        int small = 0;
        for (int segment = 0; segment < base.segmentCount(); segment++) {
            if (base.segmentRowCount(segment) < SMALL_SEGMENT_ROWS) {
                small++;
            }
        }
        return small >= FOLD_AT;
    }
}
