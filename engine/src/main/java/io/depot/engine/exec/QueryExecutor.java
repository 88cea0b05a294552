package io.depot.engine.exec;

import io.depot.engine.plan.PlanNode;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs physical plans. One instance per database, shared by all queries; thread-safe.
 */
public final class QueryExecutor {
    /**
     * @param allocator the database's allocator; each query takes a child of it
     */
    public QueryExecutor(BufferAllocator allocator) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Starts a query. Errors in the plan or data surface as {@code DepotException}, from here or
     * from {@link ResultStream#next()}.
     *
     * @param memoryLimitBytes the most memory the query may hold at once; exceeding it fails the
     *     query with a RESOURCE error, never an OutOfMemoryError
     */
    public ResultStream execute(PlanNode plan, long memoryLimitBytes) {
        throw new UnsupportedOperationException("TODO");
    }
}
