package io.depot.engine.memory;

import static java.util.Objects.requireNonNull;

/**
 * The heap one operator has reserved from its query's budget; grows with the operator's state
 * and gives everything back on close.
 */
public final class HeapReservation implements AutoCloseable {
    private final QueryMemory memory;
    private long bytes;

    public HeapReservation(QueryMemory memory) {
        this.memory = requireNonNull(memory, "memory is null");
    }

    /** Reserves {@code additionalBytes} more, or fails with the query's RESOURCE error. */
    public void grow(long additionalBytes) {
        memory.reserveHeap(additionalBytes);
        bytes += additionalBytes;
    }

    /** Makes the reservation exactly {@code totalBytes}, growing or shrinking it. */
    public void resize(long totalBytes) {
        if (totalBytes > bytes) {
            grow(totalBytes - bytes);
        } else if (totalBytes < bytes) {
            // an unchanged size (most batches of an aggregation) skips the query-wide lock
            memory.releaseHeap(bytes - totalBytes);
            bytes = totalBytes;
        }
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        memory.releaseHeap(bytes);
        bytes = 0;
    }
}
