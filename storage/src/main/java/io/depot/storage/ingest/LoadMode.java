package io.depot.storage.ingest;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.Locale;

/** What a load does to the rows already in the table. Every mode commits once: all or nothing. */
public enum LoadMode {
    /** Adds the new rows to the table. */
    APPEND,
    /** Drops the rows of the load's partition and adds the new ones, in one commit; needs a partition. */
    REPLACE,
    /** Drops every row of the table and adds the new ones, in one commit. */
    OVERWRITE;

    /** Parses {@code append}, {@code replace} or {@code overwrite}, ignoring case. */
    public static LoadMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DepotException(ErrorCode.USER, "Mode[" + text + "] is not one of append, replace, overwrite");
        }
    }

    /** The mode as the CLI and the load history spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
