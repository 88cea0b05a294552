package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.segment.BitmapIndexCache;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.segment.ZoneMap;
import io.depot.storage.statistics.TableStatistics;
import io.depot.storage.type.KeyConstraint;
import io.depot.storage.type.TableSchema;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.roaringbitmap.RoaringBitmap;

/**
 * One committed state of a table: its schema, its live segments, and the rows of its write-ahead
 * log that were committed when the snapshot was taken (the delta rows, read after the segments).
 * Immutable.
 */
public final class Snapshot {
    private final TableDirectory directory;
    private final Manifest manifest;
    private final TableSchema schema;
    private final DeltaView delta;
    private final ManifestStatistics statistics;
    /** The table's statistics with the delta rows merged in, computed on first use (they cost a pass over the rows). */
    private volatile TableStatistics withDelta;

    Snapshot(TableDirectory directory, Manifest manifest, DeltaView delta) {
        this.directory = requireNonNull(directory, "directory is null");
        this.manifest = requireNonNull(manifest, "manifest is null");
        this.schema = manifest.schema();
        this.delta = requireNonNull(delta, "delta is null");
        this.statistics = directory.statistics(manifest,
                committed -> statistics(committed, committed.schema(), DeltaView.empty(committed.schema())));
        SnapshotPins.register(this);
    }

    private static ManifestStatistics statistics(Manifest manifest, TableSchema schema, DeltaView delta) {
        try {
            return ManifestStatistics.of(manifest, schema, delta);
        } catch (RuntimeException e) {
            throw new DepotException(ErrorCode.CORRUPTION, String.format(
                    "Manifest of table[%s] version[%d] has unreadable statistics: %s",
                    manifest.tableName(), manifest.version(), e.getMessage()), e);
        }
    }

    /** Where the table's files are now (a drop moves them). */
    Path directoryPath() {
        return directory.path();
    }

    public String tableName() {
        return manifest.tableName();
    }

    public long version() {
        return manifest.version();
    }

    /** PRIMARY KEY and UNIQUE constraints declared for the table (recorded, not enforced). */
    public List<KeyConstraint> keyConstraints() {
        return manifest.keys();
    }

    public TableSchema schema() {
        return schema;
    }

    /** Live rows: those of the segments (deleted ones excluded) and the delta rows. */
    public long rowCount() {
        return manifest.rowCount() + delta.rowCount();
    }

    /**
     * Rows committed through the write-ahead log and not yet folded into a segment. Scans read
     * them after the segments ({@link #readDeltaRows}); they have no zone maps or indexes.
     */
    public int deltaRowCount() {
        return delta.rowCount();
    }

    /**
     * Delta rows {@code [from, from + count)} of the table columns {@code columns} (in that
     * order) as a new batch; the caller closes it.
     */
    public VectorSchemaRoot readDeltaRows(int[] columns, int from, int count, BufferAllocator allocator) {
        requireNonNull(columns, "columns is null");
        requireNonNull(allocator, "allocator is null");
        return delta.toArrow(columns, from, count, allocator);
    }

    /** The delta rows themselves, for a fold. */
    DeltaView delta() {
        return delta;
    }

    /** The manifest this snapshot reads. */
    Manifest manifest() {
        return manifest;
    }

    public int segmentCount() {
        return manifest.segments().size();
    }

    /** Live rows of segment {@code index} (deleted rows excluded), known without opening it. */
    public long segmentRowCount(int index) {
        return manifest.segments().get(index).liveRowCount();
    }

    /** Rows deleted from segment {@code index} in this version. */
    public long segmentDeletedRowCount(int index) {
        return manifest.segments().get(index).rowCount() - manifest.segments().get(index).liveRowCount();
    }

    /** The stable name of segment {@code index} (its file name), as {@link TableWriter#delete} takes it. */
    public String segmentId(int index) {
        return manifest.segments().get(index).file();
    }

    /** The partition ({@code key=value}) segment {@code index} was loaded into, or null when none. */
    public String segmentPartition(int index) {
        return manifest.segments().get(index).partition();
    }

    /** Min, max and null count of one column of segment {@code index}, known without opening it. */
    public ZoneMap segmentZoneMap(int index, int column) {
        return statistics.segmentZoneMaps().get(index).get(column);
    }

    /** Row count and per-column statistics of this state (delta rows included), for the planner. */
    public TableStatistics statistics() {
        if (delta.rowCount() == 0) {
            return statistics.table();
        }
        TableStatistics result = withDelta;
        if (result == null) {
            result = statistics(manifest, schema, delta).table();
            withDelta = result;
        }
        return result;
    }

    /**
     * Opens segment {@code index} (0..segmentCount-1) of this snapshot with this version's
     * deletion vector, which {@link SegmentReader#deletedRows(int)} reports; the caller closes it.
     */
    public SegmentReader openSegment(int index) {
        Manifest.ManifestSegment segment = manifest.segments().get(index);
        Path path = directory.path();
        RoaringBitmap deleted = segment.deletionVector() == null ? new RoaringBitmap()
                : DeletionVectorFile.read(path, segment.deletionVector(), segment.rowCount());
        SegmentReader reader = SegmentReader.open(path.resolve(segment.file()), deleted,
                BitmapIndexCache.shared());
        if (!reader.schema().equals(schema) || reader.rowCount() != segment.rowCount()) {
            reader.close();
            throw new DepotException(ErrorCode.CORRUPTION, String.format(
                    "Segment[%s] does not match the manifest of table[%s] version[%d]",
                    reader.file(), tableName(), version()));
        }
        return reader;
    }

    @Override
    public String toString() {
        return "Snapshot[" + tableName() + " v" + version() + ", " + rowCount() + " rows"
                + (delta.rowCount() == 0 ? "" : ", " + delta.rowCount() + " in the write-ahead log") + "]";
    }
}
