package io.depot.engine.batch;

import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Packs one {@link ColumnData} per column into a new batch. */
public final class BatchBuilder {
    private BatchBuilder() {}

    /** A new batch owning new vectors that hold {@code data} (one entry per column, equal sizes). */
    public static Batch build(List<Column> columns, List<ColumnData> data, int rowCount, BufferAllocator allocator) {
        return Batch.of(buildRoot(columns, data, rowCount, allocator));
    }

    /** Like {@link #build} but hands out the bare root, owned by the caller. */
    public static VectorSchemaRoot buildRoot(List<Column> columns, List<ColumnData> data, int rowCount,
            BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        try {
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                FieldVector vector = ArrowTypes.createVector(column, allocator);
                vectors.add(vector);
                ColumnWriter.write(data.get(i), column.type(), vector);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rowCount);
        return root;
    }
}
