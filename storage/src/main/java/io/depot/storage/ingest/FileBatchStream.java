package io.depot.storage.ingest;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.TableSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The batches of a {@link FileScan}, pulled one at a time. The loader's sources push rows into
 * a {@link BatchSink}; here a reader thread runs the source and hands each full batch over a
 * queue of {@link #QUEUED_BATCHES}, so at most a few batches are in memory whatever the file's
 * size. Closing stops the reader and frees every batch not taken.
 */
public final class FileBatchStream implements AutoCloseable {
    /** Batches read ahead: enough to overlap parsing with the query, few enough to bound memory. */
    private static final int QUEUED_BATCHES = 2;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final BufferAllocator allocator;
    private final Thread reader;
    private volatile boolean closed;
    private boolean finished;

    private FileBatchStream(BufferAllocator allocator, RowSource source, TableSchema schema) {
        this.allocator = allocator;
        this.reader = new Thread(() -> read(source, schema), "depot-file-scan");
        this.reader.setDaemon(true);
    }

    static FileBatchStream start(RowSource source, TableSchema schema, BufferAllocator allocator) {
        FileBatchStream stream = new FileBatchStream(allocator, source, schema);
        stream.reader.start();
        return stream;
    }

    /** The next batch, owned by the caller, or null after the last; throws the reader's error. */
    public VectorSchemaRoot next() {
        if (finished || closed) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DepotException(ErrorCode.USER, "Reading files was interrupted", e);
        }
        if (item instanceof VectorSchemaRoot batch) {
            return batch;
        }
        finished = true;
        if (item instanceof DepotException e) {
            // a new exception with this thread's stack, the reader's as its cause
            throw new DepotException(e.code(), e.getMessage(), e);
        }
        if (item instanceof Throwable e) {
            throw new DepotException(ErrorCode.INTERNAL, "Reading files failed: " + e, e);
        }
        return null;
    }

    private void read(RowSource source, TableSchema schema) {
        Object last = END;
        // no error budget: the first bad value fails the query, so the rejects file is never written
        try (RejectsFile rejects = new RejectsFile(Path.of("unused-rejects.csv"));
                BatchSink sink = new BatchSink(schema, this::handOver, allocator, null, 0, rejects)) {
            source.readInto(sink);
            sink.finish();
        } catch (Stopped stopped) {
            return;
        } catch (RuntimeException | Error e) {
            last = e;
        }
        put(last);
    }

    /** Moves the sink's full batch into a new root the consumer owns; the sink refills its own. */
    private void handOver(VectorSchemaRoot batch) {
        List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors().size());
        for (FieldVector vector : batch.getFieldVectors()) {
            var transfer = vector.getTransferPair(allocator);
            transfer.transfer();
            vectors.add((FieldVector) transfer.getTo());
        }
        VectorSchemaRoot handed = new VectorSchemaRoot(vectors);
        handed.setRowCount(batch.getRowCount());
        if (!put(handed)) {
            handed.close();
            throw new Stopped();
        }
    }

    /** Queues an item unless the stream is closed first; false when it was not queued. */
    private boolean put(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Stops the reader, waits for it, and frees the batches nobody took. */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Object item = queue.poll(); item != null; item = queue.poll()) {
            if (item instanceof VectorSchemaRoot batch) {
                batch.close();
            }
        }
    }

    /** Unwinds the reader when the consumer closed the stream. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
