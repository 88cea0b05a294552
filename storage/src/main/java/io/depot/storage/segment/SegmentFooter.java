package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.TableSchema;
import java.util.List;

/** Everything a reader needs to find and check the blocks of a segment. */
record SegmentFooter(TableSchema schema, long rowCount, List<BlockInfo> blocks) {
    SegmentFooter {
        requireNonNull(schema, "schema is null");
        blocks = List.copyOf(requireNonNull(blocks, "blocks is null"));
    }
}
