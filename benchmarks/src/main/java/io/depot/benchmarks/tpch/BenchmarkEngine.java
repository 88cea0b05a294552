package io.depot.benchmarks.tpch;

import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** One engine of the TPC-H comparison: loads the CSV files, then answers queries. */
interface BenchmarkEngine extends AutoCloseable {
    /** The name in the report and the chart. */
    String name();

    /** How the engine is set up (version, threads, memory, indexes), for the report. */
    String description();

    /** Creates the database afresh and loads every table from its CSV file. */
    void load(Map<TpchTable<?>, Path> csvFiles) throws Exception;

    /** Runs one query to the end and returns all its rows, in the forms SqlTestSupport gives. */
    List<List<Object>> execute(String sql) throws Exception;

    /**
     * Stops the query that {@code worker} is running in {@link #execute} because it ran out of
     * time; the worker then ends with an exception. Called from another thread.
     */
    void stop(Thread worker);

    /** Restores a usable engine after {@link #stop}; a note for the report, or null. */
    default String afterStop() {
        return null;
    }

    /** Bytes the loaded database takes on disk. */
    long bytesOnDisk() throws Exception;

    /** What the engine says about its own memory use, for the report, or null. */
    default String memoryNote() throws Exception {
        return null;
    }

    @Override
    void close() throws SQLException;
}
