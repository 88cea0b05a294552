package io.depot.engine.exec;

import static java.util.Objects.requireNonNull;

import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.Operator;
import io.depot.engine.plan.PlanNode;
import java.util.IdentityHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs physical plans. One instance per database, shared by all queries; thread-safe.
 */
public final class QueryExecutor {
    /** Tables smaller than this are scanned on the query's own thread. */
    public static final long DEFAULT_MIN_PARALLEL_ROWS = 100_000;

    private final BufferAllocator allocator;
    private final AtomicLong queryCounter = new AtomicLong();
    private final Parallelism parallelism;

    /**
     * An executor that runs every query on the caller's thread.
     *
     * @param allocator the database's allocator; each query takes a child of it
     */
    public QueryExecutor(BufferAllocator allocator) {
        this(allocator, null, Long.MAX_VALUE);
    }

    /**
     * An executor that runs the scan → filter → project pipelines below aggregations, sorts and
     * top-N on {@code pool} when the scanned table has at least {@code minParallelRows} rows.
     *
     * @param pool the database's workers, shared by its queries (the caller closes it); null to
     *     run serially
     */
    public QueryExecutor(BufferAllocator allocator, WorkerPool pool, long minParallelRows) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.parallelism = pool == null ? Parallelism.SERIAL : new Parallelism(pool, minParallelRows);
    }

    /**
     * Starts a query. Errors in the plan or data surface as {@code DepotException}, from here or
     * from {@link ResultStream#next()}.
     *
     * @param memoryLimitBytes the most memory the query may hold at once; exceeding it fails the
     *     query with a RESOURCE error, never an OutOfMemoryError
     */
    public ResultStream execute(PlanNode plan, long memoryLimitBytes) {
        return start(plan, memoryLimitBytes, null);
    }

    /**
     * Runs a plan to its end for EXPLAIN ANALYZE, discarding the rows, and returns what each
     * operator did. Fails like {@link #execute} when the query fails.
     */
    public QueryProfile analyze(PlanNode plan, long memoryLimitBytes) {
        IdentityHashMap<PlanNode, OperatorProfile> profiles = new IdentityHashMap<>();
        long start = System.nanoTime();
        QueryResultStream result = start(plan, memoryLimitBytes, profiles);
        try (result) {
            for (VectorSchemaRoot batch = result.next(); batch != null; batch = result.next()) {
                batch.close();
            }
        }
        return new QueryProfile(plan, profiles, System.nanoTime() - start, result.peakMemoryBytes());
    }

    private QueryResultStream start(PlanNode plan, long memoryLimitBytes, IdentityHashMap<PlanNode, OperatorProfile> profiles) {
        requireNonNull(plan, "plan is null");
        QueryMemory memory = new QueryMemory(allocator, "query-" + queryCounter.incrementAndGet(), memoryLimitBytes);
        try {
            Operator root = new OperatorPlanner(memory, parallelism, profiles).plan(plan);
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
