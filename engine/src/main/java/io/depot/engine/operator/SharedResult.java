package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.memory.HeapReservation;
import io.depot.engine.memory.QueryMemory;
import io.depot.storage.type.Column;
import java.util.List;

/**
 * The rows of one input that several readers of a query consume (a plan's {@code SharedNode}s of
 * one id): the first reader to ask runs the input to its end and keeps its rows; every reader
 * then emits its own copy. Its memory counts against the query's budget until the last reader
 * closes, which also closes the input.
 */
public final class SharedResult {
    private final Operator input;
    private final QueryMemory memory;
    private final HeapReservation reservation;
    private BufferedInput rows;
    private int openReaders;
    private boolean closed;

    public SharedResult(Operator input, QueryMemory memory) {
        this.input = requireNonNull(input, "input is null");
        this.memory = requireNonNull(memory, "memory is null");
        this.reservation = new HeapReservation(memory);
    }

    /** A new reader of the rows; the caller owns (closes) it. */
    public Operator newReader() {
        if (closed) {
            throw new IllegalStateException("shared result is closed");
        }
        openReaders++;
        return new Reader();
    }

    /** The input's rows, reading them on the first call. */
    private synchronized BufferedInput rows() {
        if (rows == null) {
            rows = BufferedInput.read(input, reservation, 0);
            input.close();
            // the concatenation is all that is kept of the twice-reserved pieces
            reservation.resize(rows.estimatedBytes());
        }
        return rows;
    }

    private synchronized void release() {
        openReaders--;
        if (openReaders == 0 && !closed) {
            closed = true;
            rows = null;
            input.close();
            reservation.close();
        }
    }

    /** One reader's pass over the rows. */
    private final class Reader implements Operator {
        private GatheredOutput output;
        private boolean finished;
        private boolean released;

        @Override
        public List<Column> columns() {
            return input.columns();
        }

        @Override
        public Batch next() {
            if (finished) {
                return null;
            }
            if (output == null) {
                BufferedInput all = rows();
                output = new GatheredOutput(columns(), all.columns(), null, all.rowCount());
            }
            Batch batch = output.next(memory.allocator());
            if (batch == null) {
                finished = true;
                output = null;
            }
            return batch;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public void close() {
            finished = true;
            output = null;
            if (!released) {
                released = true;
                release();
            }
        }
    }
}
