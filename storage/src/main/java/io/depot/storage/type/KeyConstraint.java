package io.depot.storage.type;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A PRIMARY KEY or UNIQUE constraint as declared in CREATE TABLE. Recorded in the table's
 * manifest and reported by catalogs, but not enforced: Depot is a warehouse fed by loads, and
 * checking uniqueness on every load would cost a scan of the table.
 *
 * @param name the constraint's name, or null when it was declared without one
 * @param columns the constrained columns in declaration order, as spelled in the schema
 */
public record KeyConstraint(Kind kind, String name, List<String> columns) {
    public enum Kind {
        PRIMARY_KEY,
        UNIQUE
    }

    public KeyConstraint {
        requireNonNull(kind, "kind is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a key constraint needs at least one column");
        }
    }
}
