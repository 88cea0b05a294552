package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.ColumnType;

/**
 * A row a load could not take, and why.
 *
 * @param source the file (name only) or other source the row came from
 * @param line 1-based line of the file where the row starts (for a JDBC source: the row number)
 * @param column the offending column, or null when the whole row is wrong (e.g. its field count)
 * @param value the offending value as read, or null
 * @param reason what is wrong, as a sentence fragment
 */
record RejectedRow(String source, long line, String column, String value, String reason) {
    private static final int MAX_SHOWN_VALUE_LENGTH = 100;

    RejectedRow {
        requireNonNull(source, "source is null");
        requireNonNull(reason, "reason is null");
    }

    /** A value that is not valid for its column's type. */
    static RejectedRow badValue(String source, long line, String column, String value, ColumnType expected) {
        return new RejectedRow(source, line, column, value,
                "cannot read '" + shorten(value) + "' as " + expected);
    }

    /** The error message: where, then what. */
    String message() {
        return column == null
                ? String.format("%s line %d: %s", source, line, reason)
                : String.format("%s line %d, column[%s]: %s", source, line, column, reason);
    }

    static String shorten(String value) {
        return value.length() > MAX_SHOWN_VALUE_LENGTH ? value.substring(0, MAX_SHOWN_VALUE_LENGTH) + "..." : value;
    }
}
