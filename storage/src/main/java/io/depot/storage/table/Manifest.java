package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * One committed version of a table as stored in {@code manifest-<version>.json}.
 *
 * @param formatVersion layout of this JSON; readers refuse versions they do not know
 * @param tableName the table's name in the case it was created with
 * @param committedAt ISO-8601 instant of the commit, for people reading the file
 */
record Manifest(
        int formatVersion,
        String tableName,
        long version,
        List<ManifestColumn> columns,
        List<ManifestSegment> segments,
        String committedAt) {
    static final int FORMAT_VERSION = 2;

    Manifest {
        requireNonNull(tableName, "tableName is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        segments = List.copyOf(requireNonNull(segments, "segments is null"));
        requireNonNull(committedAt, "committedAt is null");
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
     * partition it belongs to ({@code key=value} as the load named it), or null when the load
     * named none. Manifests written before partitions existed read as null.
     */
    record ManifestSegment(String file, long rowCount, List<ManifestColumnStatistics> columns, String partition) {
        ManifestSegment {
            requireNonNull(file, "file is null");
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
        }

        /** A segment outside any partition. */
        ManifestSegment(String file, long rowCount, List<ManifestColumnStatistics> columns) {
            this(file, rowCount, columns, null);
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

    long rowCount() {
        long rows = 0;
        for (ManifestSegment segment : segments) {
            rows += segment.rowCount();
        }
        return rows;
    }
}
