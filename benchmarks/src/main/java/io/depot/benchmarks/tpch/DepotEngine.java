package io.depot.benchmarks.tpch;

import io.depot.engine.exec.ResultStream;
import io.depot.engine.exec.WorkerPool;
import io.depot.sql.DepotSql;
import io.depot.sql.SqlTestSupport;
import io.depot.sql.tpch.TpchData;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Depot through its Java API: the CSV loader for the load, {@code DepotSql} for queries. */
final class DepotEngine implements BenchmarkEngine {
    private final Path directory;
    private final long queryMemoryLimit;
    private DepotSql depot;
    /** The query {@link #execute} is running, for {@link #stop} to cancel from the timer's thread. */
    private volatile ResultStream running;

    DepotEngine(Path directory, long queryMemoryLimit) {
        this.directory = directory;
        this.queryMemoryLimit = queryMemoryLimit;
    }

    @Override
    public String name() {
        return "Depot";
    }

    @Override
    public String description() {
        int workers = Integer.getInteger("depot.threads", WorkerPool.defaultThreads());
        return "Depot, this checkout (Java API, scans, filters and join probes on " + workers + " worker threads, "
                + "aggregations and join builds' tables on one, query memory limit " + Bytes.format(queryMemoryLimit)
                + ", " + planCache() + ")";
    }

    /** The timed runs repeat the warm-up's text, so with the plan cache on they skip planning. */
    private static String planCache() {
        return DepotSql.planCacheSize() == 0 ? "plan cache off: every run plans" : "plan cache on: runs after the first reuse its plan";
    }

    @Override
    public void load(Map<TpchTable<?>, Path> csvFiles) throws Exception {
        DirectorySize.delete(directory);
        open();
        for (Map.Entry<TpchTable<?>, Path> table : csvFiles.entrySet()) {
            TpchData.loadDepot(depot.database(), table.getKey(), table.getValue());
        }
    }

    private void open() {
        depot = DepotSql.open(directory);
        depot.setQueryMemoryLimit(queryMemoryLimit);
    }

    @Override
    public List<List<Object>> execute(String sql) {
        try (ResultStream result = depot.prepare(sql).executeQuery()) {
            running = result;
            return SqlTestSupport.rows(result);
        } finally {
            running = null;
        }
    }

    /** Cancels the running query (Depot's own cancellation): its next batch fails and its memory is freed. */
    @Override
    public void stop(Thread worker) {
        ResultStream result = running;
        if (result != null) {
            result.cancel(new DepotException(ErrorCode.RESOURCE, "TPC-H query ran out of time"));
        }
    }

    @Override
    public long bytesOnDisk() throws Exception {
        return DirectorySize.bytes(directory);
    }

    @Override
    public String memoryNote() {
        return "Arrow (off-heap) peak " + Bytes.format(depot.database().allocator().getPeakMemoryAllocation());
    }

    @Override
    public void close() {
        if (depot != null) {
            depot.close();
        }
    }
}
