package io.depot.sql.server;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.Locale;

/** What a server user may do. */
public enum Role {
    /** Queries only: any statement that is not a query is refused. */
    READ_ONLY("read-only"),
    /** Queries, loads, DDL and DML. */
    READ_WRITE("read-write");

    private final String text;

    Role(String text) {
        this.text = text;
    }

    /** The name in the users file and on the command line. */
    public String text() {
        return text;
    }

    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.text.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new DepotException(ErrorCode.USER, String.format("Unknown role[%s]: use read-only or read-write", text));
    }

    @Override
    public String toString() {
        return text;
    }
}
