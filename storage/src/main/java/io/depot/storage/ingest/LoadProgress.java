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
}
