package io.depot.sql.jdbc;

import io.depot.engine.exec.ResultStream;
import io.depot.storage.DepotException;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A ResultStream over rows given in ArrowValues' Java forms, one batch per list, built when
 * pulled; it records whether it was closed and how many batches were pulled.
 */
class BatchStream implements ResultStream {
    private final TableSchema schema;
    private final BufferAllocator allocator;
    private final Deque<List<List<Object>>> batches;
    private boolean closed;
    private volatile DepotException cancellation;
    private int pulled;

    BatchStream(TableSchema schema, BufferAllocator allocator, List<List<List<Object>>> batches) {
        this.schema = schema;
        this.allocator = allocator;
        this.batches = new ArrayDeque<>(batches);
    }

    @Override
    public List<Column> columns() {
        return schema.columns();
    }

    @Override
    public VectorSchemaRoot next() {
        if (closed) {
            throw new IllegalStateException("stream is closed");
        }
        if (cancellation != null) {
            throw new DepotException(cancellation.code(), cancellation.getMessage());
        }
        List<List<Object>> rows = batches.poll();
        if (rows == null) {
            return null;
        }
        pulled++;
        VectorSchemaRoot batch = ArrowTypes.createRoot(schema, allocator);
        batch.allocateNew();
        for (int row = 0; row < rows.size(); row++) {
            for (int column = 0; column < schema.size(); column++) {
                ArrowValues.set(batch.getVector(column), schema.column(column).type(), row, rows.get(row).get(column));
            }
        }
        batch.setRowCount(rows.size());
        return batch;
    }

    boolean isClosed() {
        return closed;
    }

    int pulled() {
        return pulled;
    }

    @Override
    public void cancel(DepotException reason) {
        cancellation = reason;
    }

    @Override
    public void close() {
        closed = true;
    }
}
