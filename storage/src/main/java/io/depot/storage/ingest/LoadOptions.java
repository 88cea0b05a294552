package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What any load does besides reading its source: mode, partition, error budget and row-count check.
 *
 * @param mode append (default), replace (a partition) or overwrite (the table)
 * @param partition the partition to load into, or null
 * @param maxErrors rows that may be rejected (written to the rejects file) before the load fails
 *     whole; 0 (default) fails on the first bad value
 * @param rejectsFile where rejected rows go, or null for {@code <database>/rejects/<table>-<time>.csv}
 * @param maxRowChange the row-count check: a load whose row count differs from the median of the
 *     last {@value RowCountCheck#RECENT_LOADS} successful loads of the table by more than this
 *     fraction of it (0.5 = ±50%, the default) is flagged
 * @param failOnAnomaly fail (and commit nothing) instead of warning when the check flags the load
 * @param progress hears the bytes read as the load goes (file sources), {@link LoadProgress#NONE} by default
 */
public record LoadOptions(LoadMode mode, PartitionSpec partition, long maxErrors, Path rejectsFile,
        double maxRowChange, boolean failOnAnomaly, LoadProgress progress) {
    public static final double DEFAULT_MAX_ROW_CHANGE = 0.5;

    public LoadOptions {
        requireNonNull(mode, "mode is null");
        requireNonNull(progress, "progress is null");
        if (maxErrors < 0) {
            throw new IllegalArgumentException("maxErrors is negative: " + maxErrors);
        }
        if (!(maxRowChange >= 0)) {
            throw new IllegalArgumentException("maxRowChange must be at least 0: " + maxRowChange);
        }
    }

    /** Without a progress listener. */
    public LoadOptions(LoadMode mode, PartitionSpec partition, long maxErrors, Path rejectsFile, double maxRowChange,
            boolean failOnAnomaly) {
        this(mode, partition, maxErrors, rejectsFile, maxRowChange, failOnAnomaly, LoadProgress.NONE);
    }

    /** Append, no partition, no rejects allowed, warn on a ±50% row-count change. */
    public static LoadOptions defaults() {
        return new LoadOptions(LoadMode.APPEND, null, 0, null, DEFAULT_MAX_ROW_CHANGE, false);
    }

    public LoadOptions withMode(LoadMode newMode) {
        return new LoadOptions(newMode, partition, maxErrors, rejectsFile, maxRowChange, failOnAnomaly, progress);
    }

    public LoadOptions withPartition(PartitionSpec newPartition) {
        return new LoadOptions(mode, newPartition, maxErrors, rejectsFile, maxRowChange, failOnAnomaly, progress);
    }

    public LoadOptions withMaxErrors(long newMaxErrors) {
        return new LoadOptions(mode, partition, newMaxErrors, rejectsFile, maxRowChange, failOnAnomaly, progress);
    }

    public LoadOptions withRejectsFile(Path newRejectsFile) {
        return new LoadOptions(mode, partition, maxErrors, newRejectsFile, maxRowChange, failOnAnomaly, progress);
    }

    public LoadOptions withMaxRowChange(double newMaxRowChange) {
        return new LoadOptions(mode, partition, maxErrors, rejectsFile, newMaxRowChange, failOnAnomaly, progress);
    }

    public LoadOptions withFailOnAnomaly(boolean newFailOnAnomaly) {
        return new LoadOptions(mode, partition, maxErrors, rejectsFile, maxRowChange, newFailOnAnomaly, progress);
    }

    public LoadOptions withProgress(LoadProgress newProgress) {
        return new LoadOptions(mode, partition, maxErrors, rejectsFile, maxRowChange, failOnAnomaly, newProgress);
    }
}
