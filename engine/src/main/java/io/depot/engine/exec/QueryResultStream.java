package io.depot.engine.exec;

import io.depot.engine.batch.Batch;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.Operator;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import java.util.List;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Drives a query's operator tree for its consumer: skips empty batches, compacts selections
 * away, and turns an exhausted memory budget into the RESOURCE error. A failure stops the
 * operators at once; the query's allocator goes when the stream is closed.
 */
final class QueryResultStream implements ResultStream {
    private final List<Column> columns;
    private final Operator root;
    private final QueryMemory memory;
    private boolean done;
    private boolean closed;

    QueryResultStream(List<Column> columns, Operator root, QueryMemory memory) {
        this.columns = List.copyOf(columns);
        this.root = root;
        this.memory = memory;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public VectorSchemaRoot next() {
        if (closed) {
            throw new IllegalStateException("result stream is closed");
        }
        if (done) {
            return null;
        }
        try {
            while (true) {
                Batch batch = root.next();
                if (batch == null) {
                    stop();
                    return null;
                }
                if (batch.rowCount() == 0) {
                    batch.close();
                    continue;
                }
                return batch.transferCompacted(columns, memory.allocator());
            }
        } catch (OutOfMemoryException e) {
            stop();
            throw memory.limitExceeded(e);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    /** Ends the query early or at its end: the operators free what they hold. */
    private void stop() {
        done = true;
        root.close();
    }

    /** The most Arrow memory the query has held at once. */
    long peakMemoryBytes() {
        return memory.allocator().getPeakMemoryAllocation();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        try {
            memory.close();
        } catch (IllegalStateException e) {
            throw new DepotException(ErrorCode.INTERNAL,
                    "Query memory was still in use when its result stream closed; close every batch first", e);
        }
    }
}
