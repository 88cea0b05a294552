package io.depot.benchmarks.tpch;

import io.depot.sql.DepotSql;
import io.depot.sql.SqlTestSupport;
import io.depot.sql.tpch.TpchData;
import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Depot through its Java API: the CSV loader for the load, {@code DepotSql} for queries. */
final class DepotEngine implements BenchmarkEngine {
    private final Path directory;
    private final long queryMemoryLimit;
    private DepotSql depot;
    /** The Arrow allocator's peak over every database instance this engine opened. */
    private long arrowPeakBytes;

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
        return "Depot, this checkout (Java API, single-threaded executor, query memory limit " + Bytes.format(queryMemoryLimit) + ")";
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
        return SqlTestSupport.query(depot, sql);
    }

    /**
     * Depot has no query cancellation yet, so the only way to end a query that ran out of time is
     * {@code Thread.stop}: the ThreadDeath unwinds through the operators' try-with-resources,
     * which close them. Whatever state it may have torn, {@link #afterStop} reopens the database.
     */
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop(Thread worker) {
        worker.stop();
    }

    @Override
    public String afterStop() {
        String note = null;
        arrowPeakBytes = Math.max(arrowPeakBytes, depot.database().allocator().getPeakMemoryAllocation());
        try {
            depot.close();
        } catch (RuntimeException e) {
            note = "closing Depot after a stopped query failed: " + e.getMessage();
        }
        open();
        return note;
    }

    @Override
    public long bytesOnDisk() throws Exception {
        return DirectorySize.bytes(directory);
    }

    @Override
    public String memoryNote() {
        long peak = Math.max(arrowPeakBytes, depot.database().allocator().getPeakMemoryAllocation());
        return "Arrow (off-heap) peak " + Bytes.format(peak);
    }

    @Override
    public void close() {
        if (depot != null) {
            depot.close();
        }
    }
}
