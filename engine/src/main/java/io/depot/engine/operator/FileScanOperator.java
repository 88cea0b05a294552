package io.depot.engine.operator;

import io.depot.engine.batch.Batch;
import io.depot.engine.plan.FileScanNode;
import io.depot.storage.ingest.FileBatchStream;
import io.depot.storage.type.Column;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Streams the batches of files read in place; the files are opened on the first batch asked for. */
public final class FileScanOperator implements Operator {
    private final FileScanNode node;
    private final BufferAllocator allocator;
    private FileBatchStream stream;
    private boolean finished;

    public FileScanOperator(FileScanNode node, BufferAllocator allocator) {
        this.node = node;
        this.allocator = allocator;
    }

    @Override
    public List<Column> columns() {
        return node.columns();
    }

    @Override
    public Batch next() {
        if (finished) {
            return null;
        }
        if (stream == null) {
            stream = node.scan().open(node.schema(), allocator);
        }
        VectorSchemaRoot batch = stream.next();
        if (batch == null) {
            close();
            return null;
        }
        return Batch.of(batch);
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public void close() {
        finished = true;
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
