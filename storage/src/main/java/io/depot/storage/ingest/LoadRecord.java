package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One load as the load history keeps it (one row of {@code sys.load_history}).
 *
 * @param tableName the table as the load named it (its stored case after a successful load)
 * @param partitionSpec {@code key=value}, or null for a load without partition
 * @param source the files (comma-separated) or the JDBC URL the rows came from
 * @param mode append, replace or overwrite
 * @param bytes input size
 * @param status {@link #OK} or {@link #FAILED}
 * @param error the failure's message, or null
 * @param version the table version the load committed, or 0 when it failed
 * @param warning the row-count check's finding, or null
 */
public record LoadRecord(String tableName, String partitionSpec, String source, String mode, long rowsLoaded,
        long rowsRejected, long bytes, Instant startedAt, Instant finishedAt, String status, String error,
        long version, String warning) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public LoadRecord {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(source, "source is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(status, "status is null");
    }

    public boolean succeeded() {
        return OK.equals(status);
    }
}
