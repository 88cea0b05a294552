package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.segment.SegmentWriter;
import io.depot.storage.segment.ZoneMap;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One write to one table: append batches, then commit once. Closing without commit aborts and
 * removes whatever was written. Not thread-safe.
 *
 * <p>Rows go straight into segment files of up to {@code segmentRowLimit} rows, so a load of any
 * size needs memory for one block per column. Nothing is visible before {@link #commit()}.
 */
public final class TableWriter implements AutoCloseable {
    private final Database database;
    private final String tableName;
    private final TableDirectory directory;
    private final TableLock lock;
    private final TableSchema schema;
    private final Optional<Manifest> base;
    private final long segmentRowLimit;
    private final long version;
    private final List<Manifest.ManifestSegment> written = new ArrayList<>();
    private SegmentWriter segment;
    /** The partition of the segments this writer makes, or null. */
    private String partition;
    /** What of the base version the commit drops; see {@link #replacePartition} and {@link #replaceAll}. */
    private Replacement replacement = Replacement.NONE;
    private Path manifestFile;
    private boolean failed;
    private boolean committed;
    private boolean closed;

    TableWriter(Database database, String tableName, TableDirectory directory, TableLock lock,
            TableSchema schema, Optional<Manifest> base, long segmentRowLimit) {
        this.database = requireNonNull(database, "database is null");
        this.tableName = requireNonNull(tableName, "tableName is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.lock = requireNonNull(lock, "lock is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.base = requireNonNull(base, "base is null");
        this.segmentRowLimit = segmentRowLimit;
        this.version = base.map(Manifest::version).orElse(0L) + 1;
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
        long rows = segment == null ? 0 : segment.rowCount();
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
        if (segment != null || !written.isEmpty()) {
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
        replacement = Replacement.PARTITION;
    }

    /** Makes the commit drop every segment of the base version: the table then holds only the new rows. */
    public void replaceAll() {
        checkWritable();
        replacement = Replacement.ALL;
    }

    /** Rows the commit would drop from the base version, as the replacement now stands. */
    public long replacedRowCount() {
        long rows = 0;
        for (Manifest.ManifestSegment old : base.map(Manifest::segments).orElse(List.of())) {
            if (!keeps(old)) {
                rows += old.rowCount();
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
        checkWritable();
        checkNotNull(batch);
        try {
            int rows = batch.getRowCount();
            int from = 0;
            while (from < rows) {
                if (segment == null) {
                    segment = SegmentWriter.create(directory.newSegmentFile(version), schema);
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

    /** Makes everything appended visible atomically, as a new table version, and returns it. */
    public long commit() {
        checkWritable();
        try {
            if (segment != null) {
                finishSegment();
            }
            List<Manifest.ManifestSegment> segments = new ArrayList<>();
            for (Manifest.ManifestSegment old : base.map(Manifest::segments).orElse(List.of())) {
                if (keeps(old)) {
                    segments.add(old);
                }
            }
            segments.addAll(written);
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, tableName, version,
                    Manifest.columnsOf(schema), segments, Instant.now().toString());
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
                lock.close();
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

    private boolean keeps(Manifest.ManifestSegment old) {
        return switch (replacement) {
            case NONE -> true;
            case PARTITION -> !partition.equals(old.partition());
            case ALL -> false;
        };
    }

    private enum Replacement { NONE, PARTITION, ALL }

    private void checkNotNull(VectorSchemaRoot batch) {
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
