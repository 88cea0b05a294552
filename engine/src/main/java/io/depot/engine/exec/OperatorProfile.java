package io.depot.engine.exec;

import io.depot.engine.operator.ScanStatistics;

/**
 * What one operator did in an EXPLAIN ANALYZE run: batches and rows it produced, the Arrow
 * bytes those batches held, and the time spent in its {@code next()} calls (including its
 * inputs'). Scans also report their block statistics.
 */
public final class OperatorProfile {
    private long batches;
    private long rows;
    private long bytes;
    private long nanos;
    private ScanStatistics scan;

    void produced(long batchRows, long batchBytes) {
        batches++;
        rows += batchRows;
        bytes += batchBytes;
    }

    void spent(long elapsedNanos) {
        nanos += elapsedNanos;
    }

    void scanned(ScanStatistics statistics) {
        this.scan = statistics;
    }

    public long batches() {
        return batches;
    }

    public long rows() {
        return rows;
    }

    /** Bytes of the Arrow buffers of the batches produced (before any selection is applied). */
    public long bytes() {
        return bytes;
    }

    /** Time inside this operator and its inputs. */
    public long nanos() {
        return nanos;
    }

    /** The scan's block statistics, or null when the operator is not a scan. */
    public ScanStatistics scan() {
        return scan;
    }
}
