package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one committed load did.
 *
 * @param table the table's name as stored (its original case)
 * @param bytesRead size of the input files
 * @param version the table version the load's commit created
 */
public record LoadResult(String table, long rowsLoaded, long bytesRead, long version, Duration elapsed) {
    public LoadResult {
        requireNonNull(table, "table is null");
        requireNonNull(elapsed, "elapsed is null");
    }
}
