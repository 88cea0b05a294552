package io.depot.engine.exec;

import static java.util.Objects.requireNonNull;

import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.Operator;
import io.depot.engine.plan.PlanNode;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * Runs physical plans. One instance per database, shared by all queries; thread-safe.
 */
public final class QueryExecutor {
    private final BufferAllocator allocator;
    private final AtomicLong queryCounter = new AtomicLong();

    /**
     * @param allocator the database's allocator; each query takes a child of it
     */
    public QueryExecutor(BufferAllocator allocator) {
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /**
     * Starts a query. Errors in the plan or data surface as {@code DepotException}, from here or
     * from {@link ResultStream#next()}.
     *
     * @param memoryLimitBytes the most memory the query may hold at once; exceeding it fails the
     *     query with a RESOURCE error, never an OutOfMemoryError
     */
    public ResultStream execute(PlanNode plan, long memoryLimitBytes) {
        requireNonNull(plan, "plan is null");
        QueryMemory memory = new QueryMemory(allocator, "query-" + queryCounter.incrementAndGet(), memoryLimitBytes);
        try {
            Operator root = new OperatorPlanner(memory).plan(plan);
            return new QueryResultStream(plan.columns(), root, memory);
        } catch (OutOfMemoryException e) {
            memory.close();
            throw memory.limitExceeded(e);
        } catch (RuntimeException e) {
            memory.close();
            throw e;
        }
    }
}
