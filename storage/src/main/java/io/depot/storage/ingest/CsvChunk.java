package io.depot.storage.ingest;

/**
 * A byte range {@code [start, end)} of a CSV file that begins at a record boundary, and the
 * (1-based) line it begins on, so records parsed from it keep the file's line numbers.
 */
record CsvChunk(long start, long end, long firstLine) {
    /** The whole file as one chunk: read sequentially, also through gzip. */
    static final CsvChunk WHOLE_FILE = new CsvChunk(0, Long.MAX_VALUE, 1);

    CsvChunk {
        if (start < 0 || end < start || firstLine < 1) {
            throw new IllegalArgumentException(String.format("bad chunk [%d, %d) at line %d", start, end, firstLine));
        }
    }

    boolean isFileStart() {
        return start == 0;
    }

    long length() {
        return end - start;
    }
}
