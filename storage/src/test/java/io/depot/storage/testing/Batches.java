package io.depot.storage.testing;

import io.depot.storage.segment.SegmentReader;
import io.depot.storage.table.Snapshot;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.roaringbitmap.RoaringBitmap;

/** Builds and reads small batches through the boxed edge API, for tests only. */
public final class Batches {
    private Batches() {}

    /** A new root holding these rows (each row one value per column, null for NULL). */
    public static VectorSchemaRoot root(TableSchema schema, BufferAllocator allocator, List<List<Object>> rows) {
        VectorSchemaRoot root = ArrowTypes.createRoot(schema, allocator);
        root.allocateNew();
        for (int row = 0; row < rows.size(); row++) {
            for (int column = 0; column < schema.size(); column++) {
                ArrowValues.set(root.getVector(column), schema.column(column).type(), row, rows.get(row).get(column));
            }
        }
        root.setRowCount(rows.size());
        return root;
    }

    /** Every row of the root, boxed; the schema gives the logical types. */
    public static List<List<Object>> rows(VectorSchemaRoot root, TableSchema schema) {
        List<List<Object>> rows = new ArrayList<>(root.getRowCount());
        for (int row = 0; row < root.getRowCount(); row++) {
            Object[] values = new Object[schema.size()];
            for (int column = 0; column < schema.size(); column++) {
                values[column] = ArrowValues.get(root.getVector(column), schema.column(column).type(), row);
            }
            rows.add(Arrays.asList(values));
        }
        return rows;
    }

    /** One row, allowing nulls (List.of does not). */
    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Every live row of every segment of the snapshot, in order, then its write-ahead log rows, boxed. */
    public static List<List<Object>> readAll(Snapshot snapshot, BufferAllocator allocator) {
        List<List<Object>> rows = new ArrayList<>();
        int[] columns = new int[snapshot.schema().size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = i;
        }
        for (int segment = 0; segment < snapshot.segmentCount(); segment++) {
            try (SegmentReader reader = snapshot.openSegment(segment)) {
                for (int block = 0; block < reader.blockCount(); block++) {
                    Optional<RoaringBitmap> deleted = reader.deletedRows(block);
                    try (VectorSchemaRoot root = reader.readBlock(block, columns, allocator)) {
                        List<List<Object>> blockRows = rows(root, snapshot.schema());
                        for (int row = 0; row < blockRows.size(); row++) {
                            if (deleted.isEmpty() || !deleted.get().contains(row)) {
                                rows.add(blockRows.get(row));
                            }
                        }
                    }
                }
            }
        }
        if (snapshot.deltaRowCount() > 0) {
            try (VectorSchemaRoot root = snapshot.readDeltaRows(columns, 0, snapshot.deltaRowCount(), allocator)) {
                rows.addAll(rows(root, snapshot.schema()));
            }
        }
        return rows;
    }
}
