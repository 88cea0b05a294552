package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one committed load did.
 *
 * @param table the table's name as stored (its original case)
 * @param rowsRejected rows written to the rejects file instead of the table (within --max-errors)
 * @param bytesRead size of the input (files as stored; for a JDBC source the text size of the values)
 * @param version the table version the load's commit created
 * @param rowsReplaced rows the commit dropped (replace or overwrite)
 * @param rejectsFile where rejected rows went, or null when none was rejected
 * @param warnings e.g. the row-count check's finding; empty when nothing is odd
 */
public record LoadResult(String table, long rowsLoaded, long rowsRejected, long bytesRead, long version,
        Duration elapsed, LoadMode mode, PartitionSpec partition, long rowsReplaced, Path rejectsFile,
        List<String> warnings) {
    public LoadResult {
        requireNonNull(table, "table is null");
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(mode, "mode is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }
}
