package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.segment.SegmentWriter;
import io.depot.storage.segment.ZoneMap;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.KeyConstraint;
import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * One write to one table: append batches, then commit once. Closing without commit aborts and
 * removes whatever was written. Not thread-safe.
 *
 * <p>Rows go straight into segment files of up to {@code segmentRowLimit} rows, so a load of any
 * size needs memory for one block per column. Nothing is visible before {@link #commit()}.
 *
 * <p>A writer from {@link Database#beginInsert} keeps up to {@link #MAX_LOGGED_ROWS} appended
 * rows in memory instead; if the write does nothing else, its commit appends them to the table's
 * write-ahead log as one record and syncs it once, with no segment or manifest (see
 * {@link DeltaLog}). More rows, or any other change, turn it into an ordinary segment commit.
 */
public final class TableWriter implements AutoCloseable {
    /** Rows a small write keeps for the write-ahead log; beyond this it writes segments. */
    public static final int MAX_LOGGED_ROWS = 8_192;
    /** Encoded rows a log record may hold; a larger small write writes a segment instead. */
    static final int MAX_LOGGED_BYTES = 16 << 20;

    private final Database database;
    private final String tableName;
    private final TableDirectory directory;
    private final TableLock lock;
    private final TableSchema schema;
    private final Optional<Manifest> base;
    /** The base version's write-ahead log rows and where its last record ends. */
    private final DeltaCache.State baseDelta;
    /** Whether closing releases the lock (a fold runs inside another writer's lock). */
    private final boolean ownsLock;
    private final long segmentRowLimit;
    /** Rows kept for the write-ahead log (small writes of {@link Database#beginInsert}), else null. */
    private DeltaStore logged;
    /** Whether the commit names a fresh, empty write-ahead log: the base's rows are folded or dropped. */
    private boolean startsNewLog;
    /** Whether the commit changes keys or indexed columns, which only a manifest can record. */
    private boolean changesManifestOptions;
    private final long version;
    private final List<Manifest.ManifestSegment> written = new ArrayList<>();
    /** Rows to delete per base segment (by file name), applied by the commit. */
    private final Map<String, RoaringBitmap> pendingDeletes = new LinkedHashMap<>();
    /** Base segments the commit leaves out (compacted, replaced). */
    private final Set<String> removedSegments = new HashSet<>();
    private final List<Path> writtenDeletionVectors = new ArrayList<>();
    private List<KeyConstraint> keys;
    private Set<Integer> indexedColumns;
    private SegmentWriter segment;
    /** The partition of the segments this writer makes, or null. */
    private String partition;
    private Path manifestFile;
    private boolean failed;
    private boolean committed;
    private boolean closed;

    TableWriter(Database database, String tableName, TableDirectory directory, TableLock lock,
            TableSchema schema, Optional<Manifest> base, long segmentRowLimit) {
        this(database, tableName, directory, lock, schema, base,
                DeltaCache.State.empty(schema), segmentRowLimit, false, true);
    }

    /**
     * @param baseDelta the rows of the base version's write-ahead log, read under the lock
     * @param mayLog whether a small write may commit through the write-ahead log
     * @param ownsLock whether closing releases {@code lock}
     */
    TableWriter(Database database, String tableName, TableDirectory directory, TableLock lock,
            TableSchema schema, Optional<Manifest> base, DeltaCache.State baseDelta, long segmentRowLimit,
            boolean mayLog, boolean ownsLock) {
        this.database = requireNonNull(database, "database is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.lock = requireNonNull(lock, "lock is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.base = requireNonNull(base, "base is null");
        this.baseDelta = requireNonNull(baseDelta, "baseDelta is null");
        this.ownsLock = ownsLock;
        this.segmentRowLimit = segmentRowLimit;
        boolean hasLog = base.isPresent() && base.get().deltaLog() != null && base.get().schema().equals(schema);
        this.logged = mayLog && hasLog && fitsLog(schema) ? new DeltaStore(schema) : null;
        this.version = base.map(Manifest::version).orElse(0L) + 1;
        // A write that replaces the table with another schema (CREATE OR REPLACE) starts from the
        // defaults; otherwise the table keeps its declared keys and its choice of indexed columns.
        Optional<Manifest> sameSchema = base.filter(manifest -> manifest.schema().equals(schema));
        this.keys = sameSchema.map(Manifest::keys).orElse(List.of());
        List<String> indexed = sameSchema.map(Manifest::indexedColumns).orElse(null);
        this.indexedColumns = indexed == null ? SegmentWriter.defaultIndexedColumns(schema) : columnIndexes(indexed);
    }

    /**
     * Whether rows of this schema can go to the write-ahead log: it keeps every fixed-width value
     * in 64 bits, so rows with 128-bit decimals commit as segments (small inserts into such
     * tables stay one commit each).
     */
    static boolean fitsLog(TableSchema schema) {
        return schema.columns().stream().noneMatch(column -> column.type().isWideDecimal());
    }

    /** Names of the columns whose new segments get bitmap indexes (by default the VARCHAR ones). */
    public List<String> indexedColumns() {
        List<String> names = new ArrayList<>();
        for (int column = 0; column < schema.size(); column++) {
            if (indexedColumns.contains(column)) {
                names.add(schema.column(column).name());
            }
        }
        return names;
    }

    /**
     * Chooses the columns whose segments get bitmap indexes from this write on (the table keeps
     * the choice); call before appending. An index costs up to about two bytes per row for
     * columns with many values per block, so columns are indexed on request: by default only
     * VARCHAR ones, whose dictionaries make indexes cheap. DOUBLE and BOOLEAN columns cannot be.
     */
    public void setIndexedColumns(List<String> columnNames) {
        requireNonNull(columnNames, "columnNames is null");
        checkWritable();
        if (segment != null || !written.isEmpty() || loggedRows() > 0) {
            throw new IllegalStateException("Choose the indexed columns of table[" + tableName + "] before appending");
        }
        indexedColumns = columnIndexes(columnNames);
        changesManifestOptions = true;
    }

    private Set<Integer> columnIndexes(List<String> names) {
        Set<Integer> columns = new HashSet<>();
        for (String name : names) {
            int index = schema.indexOf(name).orElseThrow(() -> new DepotException(ErrorCode.USER,
                    "Table[" + tableName + "] has no column[" + name + "] to index"));
            TypeKind kind = schema.column(index).type().kind();
            if (kind == TypeKind.DOUBLE || kind == TypeKind.BOOLEAN) {
                throw new DepotException(ErrorCode.USER, "Table[" + tableName + "] column[" + name + "] is " + kind
                        + ", which has no bitmap index");
            }
            columns.add(index);
        }
        return Set.copyOf(columns);
    }

    /** Records the table's PRIMARY KEY and UNIQUE constraints with this commit (not enforced). */
    public void setKeyConstraints(List<KeyConstraint> keys) {
        checkWritable();
        for (KeyConstraint key : keys) {
            for (String column : key.columns()) {
                if (schema.indexOf(column).isEmpty()) {
                    throw new DepotException(ErrorCode.USER, String.format(
                            "Table[%s] has no column[%s] for its %s constraint", tableName, column,
                            key.kind() == KeyConstraint.Kind.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE"));
                }
            }
        }
        this.keys = List.copyOf(keys);
        changesManifestOptions = true;
    }

    /** Whether the table did not exist when this write began (its commit creates it). */
    public boolean createsTable() {
        return base.isEmpty();
    }

    /** Rows in the committed version this write starts from (0 for a new table), write-ahead log included. */
    public long baseRowCount() {
        return base.map(Manifest::rowCount).orElse(0L) + baseDelta.rows().rowCount();
    }

    /**
     * Leaves every base segment, and the rows of the base's write-ahead log, out of the commit:
     * the table then holds only what is appended.
     */
    public void removeAllBaseSegments() {
        checkWritable();
        base.ifPresent(manifest -> manifest.segments().forEach(segment -> removedSegments.add(segment.file())));
        startsNewLog = true;
    }

    public TableSchema schema() {
        return schema;
    }

    /** The name of the table written, in the case it has (or will be created with). */
    public String tableName() {
        return tableName;
    }

    /** Rows appended so far. */
    public long rowCount() {
        long rows = (segment == null ? 0 : segment.rowCount()) + loggedRows();
        for (Manifest.ManifestSegment done : written) {
            rows += done.rowCount();
        }
        return rows;
    }

    /**
     * Records the segments this writer makes as belonging to a partition ({@code key=value}); call
     * before the first {@link #append}. The partition is a label in the manifest that
     * {@link #replacePartition} matches; putting the key as a column into the rows is the caller's job.
     */
    public void setPartition(String newPartition) {
        requireNonNull(newPartition, "newPartition is null");
        checkWritable();
        if (segment != null || !written.isEmpty() || loggedRows() > 0) {
            throw new IllegalStateException("Partition of table[" + tableName + "] must be set before rows are appended");
        }
        this.partition = newPartition;
    }

    /**
     * Makes the commit drop every segment of the base version labelled with this writer's
     * partition (see {@link #setPartition}), in the same atomic step that adds the new ones.
     */
    public void replacePartition() {
        checkWritable();
        if (partition == null) {
            throw new IllegalStateException("Writer of table[" + tableName + "] has no partition to replace");
        }
        base.ifPresent(manifest -> manifest.segments().stream()
                .filter(old -> partition.equals(old.partition()))
                .forEach(old -> removedSegments.add(old.file())));
    }

    /** Live rows of the base version that the commit drops, as the removals now stand. */
    public long replacedRowCount() {
        long rows = startsNewLog ? baseDelta.rows().rowCount() : 0;
        for (Manifest.ManifestSegment old : base.map(Manifest::segments).orElse(List.of())) {
            if (removedSegments.contains(old.file())) {
                rows += old.liveRowCount();
            }
        }
        return rows;
    }

    /**
     * Appends the rows of a batch whose vectors match {@link #schema()} (as made by
     * {@code ArrowTypes.createRoot}). The batch stays owned by the caller.
     */
    public void append(VectorSchemaRoot batch) {
        requireNonNull(batch, "batch is null");
        append(batch, 0, batch.getRowCount());
    }

    /** Appends rows {@code [from, from + count)} of a batch, as {@link #append(VectorSchemaRoot)} does. */
    public void append(VectorSchemaRoot batch, int from, int count) {
        requireNonNull(batch, "batch is null");
        checkWritable();
        checkNotNull(tableName, schema, batch);
        if (from < 0 || count < 0 || from + count > batch.getRowCount()) {
            throw new IllegalArgumentException(String.format(
                    "rows [%d, %d) are outside the batch of %d rows", from, from + count, batch.getRowCount()));
        }
        try {
            if (logged != null && segment == null && written.isEmpty()
                    && logged.rowCount() + (long) count <= MAX_LOGGED_ROWS) {
                logged.append(batch, from, count);
                return;
            }
            writeLoggedRowsToSegments();
            appendToSegments(batch, from, count);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private int loggedRows() {
        return logged == null ? 0 : logged.rowCount();
    }

    /** Gives up the write-ahead log for this write: the rows kept so far go to segments. */
    private void writeLoggedRowsToSegments() {
        if (logged == null) {
            return;
        }
        DeltaView rows = logged.view();
        logged = null;
        appendDeltaRows(rows, database.allocator());
    }

    /** Appends delta rows (kept by this writer, or a log's for a fold) to this write's segments. */
    void appendDeltaRows(DeltaView rows, BufferAllocator allocator) {
        int[] columns = new int[schema.size()];
        for (int column = 0; column < columns.length; column++) {
            columns[column] = column;
        }
        for (int from = 0; from < rows.rowCount(); from += SegmentWriter.DEFAULT_BLOCK_ROWS) {
            int count = Math.min(SegmentWriter.DEFAULT_BLOCK_ROWS, rows.rowCount() - from);
            try (VectorSchemaRoot batch = rows.toArrow(columns, from, count, allocator)) {
                appendToSegments(batch, 0, count);
            }
        }
    }

    /** Makes the commit name a fresh write-ahead log, as a fold does after appending the old one's rows. */
    void startNewLog() {
        checkWritable();
        startsNewLog = true;
    }

    private void appendToSegments(VectorSchemaRoot batch, int from, int count) {
        try {
            int rows = from + count;
            while (from < rows) {
                if (segment == null) {
                    segment = SegmentWriter.create(directory.newSegmentFile(version), schema,
                            SegmentWriter.DEFAULT_BLOCK_ROWS, indexedColumns);
                }
                int take = (int) Math.min(segmentRowLimit - segment.rowCount(), rows - from);
                segment.append(batch, from, take);
                from += take;
                if (segment.rowCount() == segmentRowLimit) {
                    finishSegment();
                }
            }
        } catch (IOException e) {
            failed = true;
            throw new DepotException(ErrorCode.RESOURCE, "Cannot write table[" + tableName + "]: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** The committed version this write builds on, or empty when it creates the table. */
    public Optional<Snapshot> baseSnapshot() {
        return base.map(manifest -> new Snapshot(directory, manifest, baseDelta.rows()));
    }

    /**
     * Deletes rows of a segment of the base version in this commit: {@code rows} are positions in
     * the segment (0-based, deleted ones included), as {@link SegmentReader#deletedRows(int)} and
     * the segment's blocks count them. Deleting a row twice is harmless. Snapshots taken before
     * the commit keep seeing the rows.
     *
     * @param segmentId a segment of {@link #baseSnapshot()}, see {@link Snapshot#segmentId(int)}
     */
    public void delete(String segmentId, RoaringBitmap rows) {
        requireNonNull(rows, "rows is null");
        checkWritable();
        Manifest.ManifestSegment segment = baseSegment(segmentId);
        if (!rows.isEmpty() && Integer.toUnsignedLong(rows.last()) >= segment.rowCount()) {
            throw new DepotException(ErrorCode.USER, String.format("Cannot delete row[%d] of segment[%s] of table[%s]: "
                    + "it has %d rows", Integer.toUnsignedLong(rows.last()), segmentId, tableName, segment.rowCount()));
        }
        pendingDeletes.computeIfAbsent(segmentId, ignored -> new RoaringBitmap()).or(rows);
    }

    /** Leaves a whole segment of the base version out of this commit (its rows disappear with it). */
    public void removeSegment(String segmentId) {
        checkWritable();
        baseSegment(segmentId);
        removedSegments.add(segmentId);
    }

    /**
     * Rewrites the live rows of every base segment with fewer than {@code smallSegmentRows} of
     * them into the segments of this write (after the remaining ones, keeping their order among
     * themselves), and removes the originals: deleted rows are dropped. Only segments of this
     * writer's partition (see {@link #setPartition}; none by default) are compacted. Does nothing
     * unless there are at least two such segments or one with deleted rows.
     *
     * @return the number of segments compacted
     */
    public int compactSmallSegments(long smallSegmentRows, BufferAllocator allocator) {
        requireNonNull(allocator, "allocator is null");
        checkWritable();
        Optional<Snapshot> snapshot = baseSnapshot();
        if (snapshot.isEmpty()) {
            return 0;
        }
        List<Integer> small = new ArrayList<>();
        boolean anyDeletes = false;
        for (int index = 0; index < snapshot.get().segmentCount(); index++) {
            String id = snapshot.get().segmentId(index);
            // Only segments of this writer's partition (or of none, like it), so the rewritten rows
            // keep the label that replace-partition loads match.
            if (snapshot.get().segmentRowCount(index) < smallSegmentRows && !removedSegments.contains(id)
                    && !pendingDeletes.containsKey(id)
                    && java.util.Objects.equals(snapshot.get().segmentPartition(index), partition)) {
                small.add(index);
                anyDeletes |= snapshot.get().segmentDeletedRowCount(index) > 0;
            }
        }
        if (small.size() < 2 && !anyDeletes) {
            return 0;
        }
        for (int index : small) {
            appendLiveRows(snapshot.get(), index, allocator);
            removeSegment(snapshot.get().segmentId(index));
        }
        return small.size();
    }

    private void appendLiveRows(Snapshot snapshot, int index, BufferAllocator allocator) {
        int[] columns = new int[schema.size()];
        for (int column = 0; column < columns.length; column++) {
            columns[column] = column;
        }
        try (SegmentReader segment = snapshot.openSegment(index)) {
            for (int block = 0; block < segment.blockCount(); block++) {
                Optional<RoaringBitmap> live = segment.liveRows(block);
                if (live.isPresent() && live.get().isEmpty()) {
                    continue;
                }
                try (VectorSchemaRoot rows = segment.readBlock(block, columns, allocator)) {
                    if (live.isEmpty()) {
                        append(rows);
                    } else {
                        appendRuns(rows, live.get());
                    }
                }
            }
        }
    }

    /** Appends the selected rows of a batch, one call per run of consecutive rows. */
    private void appendRuns(VectorSchemaRoot rows, RoaringBitmap selected) {
        PeekableIntIterator positions = selected.getIntIterator();
        int runStart = -1;
        int runEnd = -1;
        while (positions.hasNext()) {
            int row = positions.next();
            if (row != runEnd) {
                if (runStart >= 0) {
                    append(rows, runStart, runEnd - runStart);
                }
                runStart = row;
            }
            runEnd = row + 1;
        }
        if (runStart >= 0) {
            append(rows, runStart, runEnd - runStart);
        }
    }

    private Manifest.ManifestSegment baseSegment(String segmentId) {
        requireNonNull(segmentId, "segmentId is null");
        if (base.isPresent()) {
            for (Manifest.ManifestSegment segment : base.get().segments()) {
                if (segment.file().equals(segmentId)) {
                    return segment;
                }
            }
        }
        throw new DepotException(ErrorCode.USER, "Table[" + tableName + "] version["
                + base.map(Manifest::version).orElse(0L) + "] has no segment[" + segmentId + "]");
    }

    /**
     * The base segments that stay, with this write's deletions merged into their deletion
     * vectors (a new file per changed segment); a segment whose every row is deleted goes.
     */
    private List<Manifest.ManifestSegment> remainingBaseSegments() throws IOException {
        List<Manifest.ManifestSegment> remaining = new ArrayList<>();
        if (base.isEmpty()) {
            return remaining;
        }
        for (Manifest.ManifestSegment segment : base.get().segments()) {
            if (removedSegments.contains(segment.file())) {
                continue;
            }
            RoaringBitmap deleting = pendingDeletes.get(segment.file());
            if (deleting == null) {
                remaining.add(segment);
                continue;
            }
            RoaringBitmap deleted = deleting.clone();
            if (segment.deletionVector() != null) {
                deleted.or(DeletionVectorFile.read(directory.path(), segment.deletionVector(), segment.rowCount()));
                if (deleted.getLongCardinality() == segment.deletionVector().deletedRows()) {
                    remaining.add(segment);
                    continue;
                }
            }
            if (deleted.getLongCardinality() == segment.rowCount()) {
                continue;
            }
            Path file = directory.newDeletionVectorFile(version);
            writtenDeletionVectors.add(file);
            remaining.add(segment.withDeletionVector(DeletionVectorFile.write(file, deleted)));
        }
        return remaining;
    }

    /**
     * Makes everything appended visible atomically, as a new table version, and returns it; a
     * small write committed through the write-ahead log makes no new version and returns the base's.
     */
    public long commit() {
        checkWritable();
        try {
            if (logged != null && loggedRows() > 0 && pendingDeletes.isEmpty() && removedSegments.isEmpty()
                    && !startsNewLog && partition == null && !changesManifestOptions) {
                byte[] payload = DeltaCodec.encode(logged.view());
                if (payload.length <= MAX_LOGGED_BYTES) {
                    return commitToLog(payload);
                }
            }
            writeLoggedRowsToSegments();
            if (segment != null) {
                finishSegment();
            }
            List<Manifest.ManifestSegment> segments = remainingBaseSegments();
            segments.addAll(written);
            String deltaLog = startsNewLog || base.isEmpty() || base.get().deltaLog() == null
                    || !base.get().schema().equals(schema)
                    ? TableDirectory.deltaLogName(version) : base.get().deltaLog();
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, tableName, version,
                    Manifest.columnsOf(schema), segments, Instant.now().toString(), keys,
                    indexedColumns(), deltaLog);
            manifestFile = directory.writeManifest(manifest);
            // Segment and manifest names must be durable before CURRENT can point at them.
            directory.syncDirectory();
            directory.switchCurrent(version);
            committed = true;
            directory.syncDirectory();
            if (base.isEmpty()) {
                FileSync.syncDirectory(directory.path().getParent());
            }
            return version;
        } catch (IOException e) {
            failed = true;
            throw new DepotException(ErrorCode.RESOURCE,
                    "Cannot commit table[" + tableName + "]: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Appends the kept rows to the base's write-ahead log as one synced record (see
     * {@link Database#appendToLog}).
     */
    private long commitToLog(byte[] payload) throws IOException {
        long rows = loggedRows();
        long committedVersion = database.appendToLog(directory, lock, base.orElseThrow(), baseDelta, List.of(payload), rows);
        committed = true;
        logged = null;
        return committedVersion;
    }

    /** Releases the table; without a commit, deletes every file this writer made. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!committed) {
                abort();
            }
        } finally {
            try {
                if (ownsLock) {
                    lock.close();
                }
            } finally {
                database.writerClosed(this);
            }
        }
    }

    private void abort() {
        try {
            if (segment != null) {
                segment.close();
            }
            for (Manifest.ManifestSegment done : written) {
                Files.deleteIfExists(directory.path().resolve(done.file()));
            }
            for (Path deletionVector : writtenDeletionVectors) {
                Files.deleteIfExists(deletionVector);
            }
            if (manifestFile != null) {
                Files.deleteIfExists(manifestFile);
            }
            if (base.isEmpty()) {
                directory.removeIfEmpty();
            }
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot remove the files of an aborted write to table["
                    + tableName + "]; the next writer removes them: " + e.getMessage(), e);
        }
    }

    private void finishSegment() {
        segment.finish();
        List<Manifest.ManifestColumnStatistics> columns = new ArrayList<>(schema.size());
        for (int column = 0; column < schema.size(); column++) {
            ZoneMap zoneMap = segment.segmentZoneMap(column);
            ColumnType type = schema.column(column).type();
            columns.add(new Manifest.ManifestColumnStatistics(zoneMap.nullCount(),
                    BoundText.format(zoneMap.min(), type), BoundText.format(zoneMap.max(), type),
                    segment.distinctSketch(column).toBytes()));
        }
        written.add(new Manifest.ManifestSegment(
                segment.file().getFileName().toString(), segment.rowCount(), columns, partition));
        segment = null;
    }


    /** Refuses (USER) NULLs in the batch's NOT NULL columns. */
    static void checkNotNull(String tableName, TableSchema schema, VectorSchemaRoot batch) {
        List<FieldVector> vectors = batch.getFieldVectors();
        for (int i = 0; i < Math.min(vectors.size(), schema.size()); i++) {
            Column column = schema.column(i);
            if (!column.nullable() && vectors.get(i).getNullCount() > 0) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Table[%s] column[%s] is NOT NULL, but the batch holds NULLs in it", tableName, column.name()));
            }
        }
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("Writer of table[" + tableName + "] is closed");
        }
        if (committed) {
            throw new IllegalStateException("Writer of table[" + tableName + "] has already committed");
        }
        if (failed) {
            throw new IllegalStateException("Writer of table[" + tableName + "] failed earlier; close it to abort");
        }
    }
}
