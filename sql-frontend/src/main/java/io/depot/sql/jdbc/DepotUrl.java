package io.depot.sql.jdbc;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A parsed Depot JDBC URL: {@code jdbc:depot:<directory>} for a database on disk (relative or
 * absolute, created if absent), {@code jdbc:depot:mem:} for a throw-away database private to
 * one connection, and {@code jdbc:depot:mem:<name>} for a throw-away database shared by name
 * among the connections of this JVM while at least one of them is open.
 *
 * @param directory the database directory, for a database on disk
 * @param memoryName the name of an in-memory database; empty for a private one
 */
record DepotUrl(Optional<Path> directory, Optional<String> memoryName) {
    static final String PREFIX = "jdbc:depot:";
    private static final String MEMORY = "mem:";

    DepotUrl {
        requireNonNull(directory, "directory is null");
        requireNonNull(memoryName, "memoryName is null");
    }

    static DepotUrl parse(String url) {
        if (!url.startsWith(PREFIX)) {
            throw new DepotException(ErrorCode.USER, String.format("URL[%s] does not start with %s", url, PREFIX));
        }
        String location = url.substring(PREFIX.length());
        if (location.startsWith(MEMORY)) {
            String name = location.substring(MEMORY.length());
            return new DepotUrl(Optional.empty(), name.isEmpty() ? Optional.empty() : Optional.of(name));
        }
        if (location.isBlank()) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "URL[%s] names no database: use %s<directory> or %smem:", url, PREFIX, PREFIX));
        }
        try {
            return new DepotUrl(Optional.of(Path.of(location)), Optional.empty());
        } catch (InvalidPathException e) {
            throw new DepotException(ErrorCode.USER, String.format("URL[%s] has an invalid directory: %s", url, e.getMessage()), e);
        }
    }

    boolean isPrivateMemory() {
        return directory.isEmpty() && memoryName.isEmpty();
    }
}
