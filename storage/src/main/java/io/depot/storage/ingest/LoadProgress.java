package io.depot.storage.ingest;

/**
 * Hears how far a load has read its input, in bytes of the input files as stored (compressed
 * bytes for gzip), summed over all files; the total is the files' size. Called on the load's
 * thread, a few times per megabyte at most.
 */
@FunctionalInterface
public interface LoadProgress {
    /** Reports nothing. */
    LoadProgress NONE = bytes -> { };

    /** {@code bytes} more of the input were read. */
    void bytesRead(long bytes);

    /**
     * A new pass over the whole input starts, counted from 0 again: a CSV load whose types are
     * inferred reads its files twice ("Inferring types", then "Loading"); other loads have the
     * loading pass alone.
     */
    default void passStarted(String pass, long totalBytes) {
    }
}
