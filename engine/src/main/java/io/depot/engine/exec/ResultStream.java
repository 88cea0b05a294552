package io.depot.engine.exec;

import io.depot.storage.DepotException;
import io.depot.storage.type.Column;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The batches a running query produces, pulled one at a time. Closing it stops the query and
 * frees all its memory; it is safe to close before the end.
 */
public interface ResultStream extends AutoCloseable {
    /** The result columns; each batch's vectors follow them (see {@code ArrowTypes}). */
    List<Column> columns();

    /**
     * The next non-empty batch, or null at the end. The caller owns the returned root and closes
     * it; it must be closed before the stream is.
     */
    VectorSchemaRoot next();

    /**
     * Asks the query to stop, from any thread: a {@link #next()} running or called later fails
     * with an exception of the reason's code and message. The caller still closes the stream,
     * which frees the query's memory.
     */
    void cancel(DepotException reason);

    @Override
    void close();
}
