package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

/**
 * One CSV record: its fields, whether each was quoted (a quoted field is never NULL) and the
 * line it starts on (1-based), for error messages.
 */
record CsvLine(long lineNumber, String[] fields, boolean[] quoted) {
    CsvLine {
        requireNonNull(fields, "fields is null");
        requireNonNull(quoted, "quoted is null");
    }

    int size() {
        return fields.length;
    }
}
