package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.segment.ZoneMap;
import io.depot.storage.statistics.ColumnStatistics;
import io.depot.storage.statistics.HyperLogLog;
import io.depot.storage.statistics.TableStatistics;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics of a manifest in their typed form: a zone map per segment and column, and the
 * table's statistics (zone maps unioned, distinct sketches merged over all segments).
 */
record ManifestStatistics(List<List<ZoneMap>> segmentZoneMaps, TableStatistics table) {
    ManifestStatistics {
        segmentZoneMaps = List.copyOf(requireNonNull(segmentZoneMaps, "segmentZoneMaps is null"));
        requireNonNull(table, "table is null");
    }

    /**
     * Parses and checks the manifest's statistics.
     *
     * @throws IllegalArgumentException naming the segment when they are malformed or inconsistent
     */
    static ManifestStatistics of(Manifest manifest, TableSchema schema) {
        return of(manifest, schema, DeltaView.empty(schema));
    }

    /** The same, with the table's statistics also covering the delta rows (which have no segment). */
    static ManifestStatistics of(Manifest manifest, TableSchema schema, DeltaView delta) {
        int columnCount = schema.size();
        List<List<ZoneMap>> segmentZoneMaps = new ArrayList<>(manifest.segments().size());
        List<ZoneMap> tableZoneMaps = new ArrayList<>(columnCount);
        List<HyperLogLog> tableSketches = new ArrayList<>(columnCount);
        for (int column = 0; column < columnCount; column++) {
            tableZoneMaps.add(ZoneMap.empty());
            tableSketches.add(new HyperLogLog());
        }
        for (Manifest.ManifestSegment segment : manifest.segments()) {
            if (segment.columns().size() != columnCount) {
                throw new IllegalArgumentException("segment[" + segment.file() + "] has statistics for "
                        + segment.columns().size() + " columns, the table has " + columnCount);
            }
            List<ZoneMap> zoneMaps = new ArrayList<>(columnCount);
            for (int column = 0; column < columnCount; column++) {
                Manifest.ManifestColumnStatistics statistics = segment.columns().get(column);
                ZoneMap zoneMap = zoneMap(statistics, schema.column(column).type(), segment);
                zoneMaps.add(zoneMap);
                tableZoneMaps.set(column, tableZoneMaps.get(column).union(zoneMap));
                tableSketches.get(column).merge(HyperLogLog.fromBytes(statistics.distinctSketch()));
            }
            segmentZoneMaps.add(List.copyOf(zoneMaps));
        }
        if (delta.rowCount() > 0) {
            for (int column = 0; column < columnCount; column++) {
                tableZoneMaps.set(column, tableZoneMaps.get(column).union(delta.zoneMap(column)));
                delta.addDistinctValues(column, tableSketches.get(column));
            }
        }
        long rowCount = manifest.rowCount() + delta.rowCount();
        boolean hasDeletes = manifest.segments().stream().anyMatch(segment -> segment.deletionVector() != null);
        List<ColumnStatistics> columns = new ArrayList<>(columnCount);
        for (int column = 0; column < columnCount; column++) {
            ZoneMap zoneMap = tableZoneMaps.get(column);
            // Deleted rows stay in the segment statistics (they are not reread): then the NULL
            // count is an upper bound, capped at the live rows, and bounds may be wider than needed.
            long nullCount = Math.min(zoneMap.nullCount(), rowCount);
            // A sketch may overshoot a little; it can never be right above the non-null rows.
            long distinct = Math.min(tableSketches.get(column).estimate(), hasDeletes ? rowCount : rowCount - nullCount);
            columns.add(new ColumnStatistics(nullCount, zoneMap.min(), zoneMap.max(), distinct));
        }
        return new ManifestStatistics(segmentZoneMaps, new TableStatistics(rowCount, columns));
    }

    private static ZoneMap zoneMap(Manifest.ManifestColumnStatistics statistics,
            ColumnType type, Manifest.ManifestSegment segment) {
        long nullCount = statistics.nullCount();
        boolean hasBounds = statistics.min() != null && statistics.max() != null;
        if (nullCount < 0 || nullCount > segment.rowCount()
                || hasBounds == (nullCount == segment.rowCount())
                || (statistics.min() == null) != (statistics.max() == null)) {
            throw new IllegalArgumentException("segment[" + segment.file() + "] has impossible column statistics");
        }
        return new ZoneMap(BoundText.parse(statistics.min(), type), BoundText.parse(statistics.max(), type), nullCount);
    }
}
