package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.KeyConstraint;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * One committed version of a table as stored in {@code manifest-<version>.json}.
 *
 * @param formatVersion layout of this JSON; readers refuse versions they do not know
 * @param tableName the table's name in the case it was created with
 * @param committedAt ISO-8601 instant of the commit, for people reading the file
 * @param keys PRIMARY KEY and UNIQUE constraints declared for the table (recorded, not enforced);
 *     absent in manifests written before they existed, which reads as none
 * @param indexedColumns names of the columns whose new segments get bitmap indexes; null (as in
 *     older manifests) means the VARCHAR columns
 * @param deltaLog name of the table's write-ahead log file ({@code wal-<version>.dwal}), whose
 *     records hold rows of this version beyond its segments; the file may not exist yet (no rows).
 *     A fold writes those rows into a segment and names a fresh log in the same commit, so a
 *     record is never applied twice. Null in manifests written before logs existed: no rows.
 */
record Manifest(
        int formatVersion,
        String tableName,
        long version,
        List<ManifestColumn> columns,
        List<ManifestSegment> segments,
        String committedAt,
        List<KeyConstraint> keys,
        List<String> indexedColumns,
        String deltaLog) {
    /** The layout written: version 3 plus the write-ahead log, which older readers must not ignore. */
    static final int FORMAT_VERSION = 4;
    /** Version 2 plus deletion vectors (and, optionally, key constraints and indexed columns). */
    static final int FORMAT_VERSION_WITHOUT_LOG = 3;
    /** The older layout still read: the same, without deletion vectors. */
    static final int FORMAT_VERSION_WITHOUT_DELETES = 2;

    Manifest {
        requireNonNull(tableName, "tableName is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        segments = List.copyOf(requireNonNull(segments, "segments is null"));
        requireNonNull(committedAt, "committedAt is null");
        keys = keys == null ? List.of() : List.copyOf(keys);
        indexedColumns = indexedColumns == null ? null : List.copyOf(indexedColumns);
    }

    /** A column as the manifest spells it. */
    record ManifestColumn(String name, String type, boolean nullable) {
        ManifestColumn {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * A live segment: its file name inside the table directory, its rows, per column (in schema
     * order) the statistics that let a reader skip it or a planner size it unopened, and the
     * partition it belongs to ({@code key=value} as the load named it, or null: manifests written
     * before partitions existed read as null), and the deletion vector naming its deleted rows
     * (null when none is deleted).
     *
     * @param rowCount rows in the segment file, deleted ones included
     */
    record ManifestSegment(String file, long rowCount, List<ManifestColumnStatistics> columns, String partition,
            ManifestDeletionVector deletionVector) {
        ManifestSegment {
            requireNonNull(file, "file is null");
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
        }

        /** A segment outside any partition, with no deleted rows. */
        ManifestSegment(String file, long rowCount, List<ManifestColumnStatistics> columns) {
            this(file, rowCount, columns, null, null);
        }

        /** A new segment of a partition (or of none: null), with no deleted rows. */
        ManifestSegment(String file, long rowCount, List<ManifestColumnStatistics> columns, String partition) {
            this(file, rowCount, columns, partition, null);
        }

        /** Rows a reader sees: the file's rows minus the deleted ones. */
        long liveRowCount() {
            return rowCount - (deletionVector == null ? 0 : deletionVector.deletedRows());
        }

        ManifestSegment withDeletionVector(ManifestDeletionVector vector) {
            return new ManifestSegment(file, rowCount, columns, partition, vector);
        }
    }

    /**
     * The deleted rows of one segment, stored in their own file.
     *
     * @param file name of the {@code .ddel} file inside the table directory
     * @param checksum CRC32C of the whole file
     * @param deletedRows how many rows it deletes (its bitmap's cardinality)
     */
    record ManifestDeletionVector(String file, int checksum, long deletedRows) {
        ManifestDeletionVector {
            requireNonNull(file, "file is null");
        }
    }

    /**
     * One column of one segment.
     *
     * @param min smallest non-null value as {@code BoundText} spells it, or null when none
     * @param max largest non-null value, likewise
     * @param distinctSketch the registers of a {@code HyperLogLog} of the non-null values
     */
    record ManifestColumnStatistics(long nullCount, String min, String max, byte[] distinctSketch) {
        ManifestColumnStatistics {
            requireNonNull(distinctSketch, "distinctSketch is null");
        }
    }

    static List<ManifestColumn> columnsOf(TableSchema schema) {
        List<ManifestColumn> columns = new ArrayList<>(schema.size());
        for (Column column : schema.columns()) {
            columns.add(new ManifestColumn(column.name(), column.type().toString(), column.nullable()));
        }
        return columns;
    }

    TableSchema schema() {
        List<Column> result = new ArrayList<>(columns.size());
        for (ManifestColumn column : columns) {
            result.add(new Column(column.name(), ColumnType.parse(column.type()), column.nullable()));
        }
        return new TableSchema(result);
    }

    /** Rows a reader sees, deleted rows excluded. */
    long rowCount() {
        long rows = 0;
        for (ManifestSegment segment : segments) {
            rows += segment.liveRowCount();
        }
        return rows;
    }
}
