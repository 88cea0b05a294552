package io.depot.sql;

import static java.util.Objects.requireNonNull;

import io.depot.engine.exec.QueryExecutor;
import io.depot.engine.exec.WorkerPool;
import io.depot.sql.ddl.SqlContext;
import io.depot.sql.ddl.Statements;
import io.depot.sql.planner.SqlPlanner;
import io.depot.storage.table.Database;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlNode;

/**
 * A database opened for SQL: the storage, the executor and the Calcite catalog over them.
 * Thread-safe; one instance per database directory per process, shared by all connections.
 */
public final class DepotSql implements AutoCloseable {
    /** Default most memory one query may hold: a quarter of the heap size, at least 256 MiB. */
    private static final long DEFAULT_QUERY_MEMORY_LIMIT =
            Math.max(256L << 20, Runtime.getRuntime().maxMemory() / 4);

    /** {@code EXPLAIN [ANALYZE] statement}, and Calcite's {@code EXPLAIN PLAN FOR statement}. */
    private static final Pattern EXPLAIN =
            Pattern.compile("\\s*EXPLAIN\\s+(ANALYZE\\s+)?(?:PLAN\\s+FOR\\s+)?(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** A statement may end with semicolons, as scripts and tools often send it. */
    private static final Pattern TRAILING_SEMICOLONS = Pattern.compile("[\\s;]+$");

    private final Database database;
    private final QueryExecutor executor;
    /**
     * The database's query workers: one per core unless the system property depot.threads says
     * otherwise; tables of fewer rows than depot.parallel.minRows are scanned serially.
     */
    private final WorkerPool workers;
    private volatile long queryMemoryLimit = DEFAULT_QUERY_MEMORY_LIMIT;
    private final PlanCache planCache;

    private DepotSql(Database database) {
        this.database = requireNonNull(database, "database is null");
        this.workers = new WorkerPool(Integer.getInteger("depot.threads", WorkerPool.defaultThreads()));
        this.executor = new QueryExecutor(database.allocator(), workers,
                Long.getLong("depot.parallel.minRows", QueryExecutor.DEFAULT_MIN_PARALLEL_ROWS));
        this.planCache = new PlanCache(database, planCacheSize());
    }

    /** How many plans each database keeps for reuse: {@code -Ddepot.planCache.size}, 0 for none. */
    public static int planCacheSize() {
        return Integer.getInteger("depot.planCache.size", PlanCache.DEFAULT_SIZE);
    }

    /** Opens (creating if absent) the database in this directory. */
    public static DepotSql open(Path directory) {
        return new DepotSql(Database.open(directory));
    }

    /** A throw-away database, deleted on close. */
    public static DepotSql temporary() {
        return new DepotSql(Database.temporary());
    }

    public Database database() {
        return database;
    }

    /** The most memory, in bytes, one query may hold before it fails. */
    public long queryMemoryLimit() {
        return queryMemoryLimit;
    }

    public void setQueryMemoryLimit(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("query memory limit must be positive: " + bytes);
        }
        this.queryMemoryLimit = bytes;
    }

    /**
     * Parses, validates and plans one SQL statement. Errors in the statement are
     * {@code DepotException}s with code USER and a message that names the problem. A query whose
     * text was planned before, against tables and views that have not changed since, gets that
     * plan again (see {@link PlanCache}); it is safe to run from several threads.
     */
    public PreparedSql prepare(String sql) {
        Matcher explain = EXPLAIN.matcher(sql);
        if (explain.matches()) {
            String query = explain.group(2);
            return new ExplainedQuery(planCache.get(query).orElseGet(() -> planQuery(query, SqlPlanner.parse(query))),
                    executor, explain.group(1) != null);
        }
        Optional<PlannedQuery> planned = planCache.get(sql);
        if (planned.isPresent()) {
            return planned.get();
        }
        SqlNode statement = SqlPlanner.parse(TRAILING_SEMICOLONS.matcher(sql).replaceFirst(""));
        SqlContext context = new SqlContext(database, executor, this::queryMemoryLimit);
        return Statements.prepare(statement, sql, context).orElseGet(() -> planQuery(sql, statement));
    }

    /** Plans a query and keeps the plan for its text when it may be reused. */
    private PlannedQuery planQuery(String sql, SqlNode query) {
        SqlPlanner.Plan plan = new SqlPlanner(database).plan(query);
        PlannedQuery planned = new PlannedQuery(plan, executor, this::queryMemoryLimit);
        planCache.put(sql, planned, plan.reusableWhile());
        return planned;
    }

    /** The plan cache's hits and misses so far, for tests. */
    long[] planCacheCounts() {
        return new long[] {planCache.hits(), planCache.misses()};
    }

    @Override
    public void close() {
        try (workers) {
            database.close();
        }
    }
}
