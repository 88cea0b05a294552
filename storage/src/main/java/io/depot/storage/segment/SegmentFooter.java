package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a reader needs to find and check the blocks of a segment.
 *
 * @param columnZoneMaps per column, the union of its block zone maps
 */
record SegmentFooter(TableSchema schema, long rowCount, List<BlockInfo> blocks, List<ZoneMap> columnZoneMaps) {
    SegmentFooter {
        requireNonNull(schema, "schema is null");
        blocks = List.copyOf(requireNonNull(blocks, "blocks is null"));
        columnZoneMaps = List.copyOf(requireNonNull(columnZoneMaps, "columnZoneMaps is null"));
    }

    /** Per column, the union of the zone maps of its blocks. */
    static List<ZoneMap> columnZoneMaps(int columnCount, List<BlockInfo> blocks) {
        List<ZoneMap> zoneMaps = new ArrayList<>(columnCount);
        for (int column = 0; column < columnCount; column++) {
            ZoneMap union = ZoneMap.empty();
            for (BlockInfo block : blocks) {
                union = union.union(block.columns().get(column).zoneMap());
            }
            zoneMaps.add(union);
        }
        return zoneMaps;
    }
}
