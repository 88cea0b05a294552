package io.depot.sql.jdbc;

import static java.util.Objects.requireNonNull;

import io.depot.engine.exec.ResultStream;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows of one query run, pulled batch by batch from a {@link ResultStream}: only the
 * current batch is in memory. Closing it (or reading past the last row) closes the batch and
 * the stream; it is safe to close more than once and from another thread.
 */
final class ResultRows implements AutoCloseable {
    /** Row limit meaning "all rows". */
    static final long UNLIMITED = -1;

    private final ResultStream stream;
    private final List<Column> columns;
    private long remaining;
    private VectorSchemaRoot batch;
    private int row;
    private boolean closed;
    private boolean attached;

    /**
     * @param stream the running query; this object owns and closes it
     * @param maxRows the most rows to return, or {@link #UNLIMITED}
     */
    ResultRows(ResultStream stream, long maxRows) {
        this.stream = requireNonNull(stream, "stream is null");
        this.columns = List.copyOf(stream.columns());
        this.remaining = maxRows < 0 ? UNLIMITED : maxRows;
    }

    /** Marks the rows as read by a result set; false if one reads them already or they are closed. */
    synchronized boolean attach() {
        if (attached || closed) {
            return false;
        }
        attached = true;
        return true;
    }

    List<Column> columns() {
        return columns;
    }

    /**
     * Moves to the next row; false at the end, after which everything is closed. A failure of the
     * query also closes everything before it propagates.
     */
    synchronized boolean next() {
        if (closed) {
            return false;
        }
        if (remaining == 0) {
            close();
            return false;
        }
        try {
            if (batch != null && row + 1 < batch.getRowCount()) {
                row++;
            } else if (!nextBatch()) {
                close();
                return false;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (remaining > 0) {
            remaining--;
        }
        return true;
    }

    /** The value of a column (0-based) in the current row, as {@link ArrowValues#get} gives it. */
    synchronized Object value(int column) {
        if (batch == null) {
            throw new IllegalStateException("no current row");
        }
        return ArrowValues.get(batch.getVector(column), columns.get(column).type(), row);
    }

    /** The current row in the form an Avatica frame carries (see {@link JdbcTypes#wireValue}). */
    synchronized List<Object> wireRow() {
        List<Object> values = new ArrayList<>(columns.size());
        for (int column = 0; column < columns.size(); column++) {
            values.add(JdbcTypes.wireValue(value(column)));
        }
        return values;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // the batch must be closed before its stream (ResultStream contract)
        try (ResultStream closing = stream) {
            closeBatch();
        }
    }

    private boolean nextBatch() {
        closeBatch();
        while (true) {
            VectorSchemaRoot next = stream.next();
            if (next == null) {
                return false;
            }
            if (next.getRowCount() > 0) {
                batch = next;
                row = 0;
                return true;
            }
            next.close();
        }
    }

    private void closeBatch() {
        if (batch != null) {
            VectorSchemaRoot closing = batch;
            batch = null;
            closing.close();
        }
    }
}
