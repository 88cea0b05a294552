package io.depot.engine.memory;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import org.apache.arrow.memory.AllocationListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * The memory budget of one query: a child allocator limited to the budget for Arrow buffers,
 * plus an account of the Java heap that operators hold in their state (hash tables, sort
 * buffers). Heap reservations lower the allocator's limit, so both kinds of memory share one
 * budget and exceeding it is a RESOURCE error rather than an OutOfMemoryError.
 *
 * <p>A query is cancelled through its memory ({@link #cancel}): every operator allocates for
 * each batch it makes, so the next allocation of any operator (or the next batch the driver
 * asks for) fails with the cancellation's reason, and the query unwinds as it does when it
 * runs out of budget. This needs no cancellation checks inside the operators.
 *
 * <p>Thread-safe: a query's workers allocate and reserve heap (each for its own partial state)
 * at the same time as its driver thread, and {@link #cancel} may come from any thread.
 */
public final class QueryMemory implements AutoCloseable {
    private final BufferAllocator allocator;
    private final long limitBytes;
    private long heapReservedBytes;
    private volatile DepotException cancellation;

    public QueryMemory(BufferAllocator parent, String name, long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("memory limit must be positive: " + limitBytes);
        }
        AllocationListener cancellationCheck = new AllocationListener() {
            @Override
            public void onPreAllocation(long size) {
                checkNotCancelled();
            }
        };
        // child allocators of this one inherit the listener
        this.allocator = parent.newChildAllocator(name, cancellationCheck, 0, limitBytes);
        this.limitBytes = limitBytes;
    }

    /** The query's allocator; every Arrow buffer of the query comes from it. */
    public BufferAllocator allocator() {
        return allocator;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Java heap bytes currently reserved by operators. */
    public synchronized long heapReservedBytes() {
        return heapReservedBytes;
    }

    /** Accounts for {@code bytes} more heap, failing with the RESOURCE error when over budget. */
    public synchronized void reserveHeap(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes is negative: " + bytes);
        }
        if (allocator.getAllocatedMemory() + heapReservedBytes + bytes > limitBytes) {
            throw limitExceeded(null);
        }
        heapReservedBytes += bytes;
        allocator.setLimit(limitBytes - heapReservedBytes);
    }

    /** Returns heap bytes reserved earlier with {@link #reserveHeap(long)}. */
    public synchronized void releaseHeap(long bytes) {
        if (bytes < 0 || bytes > heapReservedBytes) {
            throw new IllegalArgumentException("cannot release " + bytes + " of " + heapReservedBytes + " reserved bytes");
        }
        heapReservedBytes -= bytes;
        allocator.setLimit(limitBytes - heapReservedBytes);
    }

    /**
     * Cancels the query: from now on its allocations (and {@link #checkNotCancelled}) fail with
     * an exception of the reason's code and message. Safe to call from any thread, more than
     * once (the first reason wins).
     */
    public void cancel(DepotException reason) {
        if (cancellation == null) {
            cancellation = reason;
        }
    }

    /** Fails with the cancellation's reason if the query was cancelled. */
    public void checkNotCancelled() {
        DepotException reason = cancellation;
        if (reason != null) {
            // a new exception, so its stack trace shows where the query stopped
            throw new DepotException(reason.code(), reason.getMessage());
        }
    }

    /** The error a query gets when it needs more than its budget. */
    public DepotException limitExceeded(OutOfMemoryException cause) {
        String message = "Query exceeded its memory limit of " + limitBytes + " bytes";
        return cause == null
                ? new DepotException(ErrorCode.RESOURCE, message)
                : new DepotException(ErrorCode.RESOURCE, message, cause);
    }

    /** Closes the allocator; every buffer of the query must have been released before. */
    @Override
    public void close() {
        allocator.close();
    }
}
