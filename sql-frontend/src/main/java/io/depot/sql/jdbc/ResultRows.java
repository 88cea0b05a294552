package io.depot.sql.jdbc;

import static java.util.Objects.requireNonNull;

import io.depot.engine.exec.ResultStream;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows of one query run, pulled batch by batch from a {@link ResultStream}: only the
 * current batch is in memory. Closing it (or reading past the last row) closes the batch and
 * the stream; it is safe to close more than once and from another thread.
 *
 * <p>A run can be cancelled from any thread ({@link #cancel}), also by its time limit: a read in
 * progress fails with the reason as soon as the query next allocates, and the run's memory is
 * freed then, or at once when nobody is reading.
 */
final class ResultRows implements AutoCloseable {
    /** Row limit meaning "all rows". */
    static final long UNLIMITED = -1;

    /** Fires time limits; one daemon thread for the JVM, which only flags queries. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "depot-query-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    private final ResultStream stream;
    private final List<Column> columns;
    /** Guards the reading state; a lock rather than a monitor so that cancel can try it. */
    private final ReentrantLock lock = new ReentrantLock();
    private long remaining;
    private VectorSchemaRoot batch;
    private int row;
    private volatile boolean closed;
    private boolean attached;
    private ScheduledFuture<?> timeLimit;
    /** Why the run was cancelled, so that a cancelled run never looks like a complete one. */
    private volatile DepotException cancelReason;

    /**
     * @param stream the running query; this object owns and closes it
     * @param maxRows the most rows to return, or {@link #UNLIMITED}
     */
    ResultRows(ResultStream stream, long maxRows) {
        this.stream = requireNonNull(stream, "stream is null");
        this.columns = List.copyOf(stream.columns());
        this.remaining = maxRows < 0 ? UNLIMITED : maxRows;
    }

    /** Cancels the run with a RESOURCE error once {@code millis} have passed (0: never). */
    void limitTime(long millis) {
        if (millis <= 0) {
            return;
        }
        DepotException reason = new DepotException(ErrorCode.RESOURCE, String.format(
                "Query exceeded its time limit of %d ms and was cancelled", millis));
        lock.lock();
        try {
            if (!closed) {
                timeLimit = TIMER.schedule(() -> cancel(reason), millis, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the query from any thread: a read in progress or to come fails with the reason's
     * message. Frees the memory at once unless a read is in progress (that read frees it).
     */
    void cancel(DepotException reason) {
        if (closed) {
            return;
        }
        if (cancelReason == null) {
            cancelReason = reason;
        }
        stream.cancel(reason);
        if (lock.tryLock()) {
            try {
                closeLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Marks the rows as read by a result set; false if one reads them already or they are closed. */
    boolean attach() {
        lock.lock();
        try {
            if (attached || closed) {
                return false;
            }
            attached = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    List<Column> columns() {
        return columns;
    }

    /**
     * Moves to the next row; false at the end, after which everything is closed. A failure of the
     * query (or its cancellation) also closes everything before it propagates.
     */
    boolean next() {
        lock.lock();
        try {
            return nextLocked();
        } finally {
            lock.unlock();
        }
    }

    private boolean nextLocked() {
        if (closed) {
            // a cancelled run says why; an exhausted one stays at its end
            DepotException reason = cancelReason;
            if (reason != null) {
                throw new DepotException(reason.code(), reason.getMessage());
            }
            return false;
        }
        if (remaining == 0) {
            closeLocked();
            return false;
        }
        try {
            if (batch != null && row + 1 < batch.getRowCount()) {
                row++;
            } else if (!nextBatch()) {
                closeLocked();
                return false;
            }
        } catch (RuntimeException e) {
            closeLocked();
            throw e;
        }
        if (remaining > 0) {
            remaining--;
        }
        return true;
    }

    /** The value of a column (0-based) in the current row, as {@link ArrowValues#get} gives it. */
    Object value(int column) {
        lock.lock();
        try {
            if (batch == null) {
                throw new IllegalStateException("no current row");
            }
            return ArrowValues.get(batch.getVector(column), columns.get(column).type(), row);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code maxRows} next rows in the form an Avatica frame carries (see
     * {@link JdbcTypes#wireValue}); fewer only at the end, which {@link #isClosed} then tells.
     */
    List<Object> nextWireRows(int maxRows) {
        lock.lock();
        try {
            List<Object> rows = new ArrayList<>(Math.min(maxRows, 4096));
            while (rows.size() < maxRows && nextLocked()) {
                List<Object> values = new ArrayList<>(columns.size());
                for (int column = 0; column < columns.size(); column++) {
                    values.add(JdbcTypes.wireValue(ArrowValues.get(batch.getVector(column), columns.get(column).type(), row)));
                }
                rows.add(values);
            }
            return rows;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeLocked();
        } finally {
            lock.unlock();
        }
    }

    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        if (timeLimit != null) {
            timeLimit.cancel(false);
        }
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
