package io.depot.sql.jdbc;

import io.depot.sql.DepotSql;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The open databases of this JVM, so that all connections to one directory (or one named
 * in-memory database) share a single {@link DepotSql}, as it requires. Each connection holds a
 * {@link Lease}; the database closes when the last lease is released.
 *
 * <p>Opening and closing happen under the registry's lock, so a connection never sees a
 * database that another thread is about to close, and never opens a second instance.
 */
final class SharedDatabases {
    private static final Map<String, Entry> OPEN = new HashMap<>();

    private SharedDatabases() {}

    /** One connection's use of a database; release it exactly once (close is idempotent). */
    static final class Lease implements AutoCloseable {
        private final String key;
        private final DepotSql sql;
        private boolean released;

        private Lease(String key, DepotSql sql) {
            this.key = key;
            this.sql = sql;
        }

        DepotSql sql() {
            return sql;
        }

        @Override
        public void close() {
            synchronized (SharedDatabases.class) {
                if (released) {
                    return;
                }
                released = true;
                if (key == null) {
                    sql.close();
                } else {
                    release(key);
                }
            }
        }
    }

    private static final class Entry {
        private final DepotSql sql;
        private int leases;

        private Entry(DepotSql sql) {
            this.sql = sql;
        }
    }

    /** Opens the database the URL names, or shares it if this JVM has it open already. */
    static Lease acquire(DepotUrl url) {
        if (url.isPrivateMemory()) {
            return new Lease(null, DepotSql.temporary());
        }
        synchronized (SharedDatabases.class) {
            String key = key(url);
            Entry entry = OPEN.get(key);
            if (entry == null) {
                DepotSql sql = url.directory().isPresent() ? DepotSql.open(Path.of(key)) : DepotSql.temporary();
                entry = new Entry(sql);
                OPEN.put(key, entry);
            }
            entry.leases++;
            return new Lease(key, entry.sql);
        }
    }

    /** How many databases are open through connections; for tests. */
    static synchronized int openCount() {
        return OPEN.size();
    }

    private static void release(String key) {
        Entry entry = OPEN.get(key);
        entry.leases--;
        if (entry.leases == 0) {
            OPEN.remove(key);
            entry.sql.close();
        }
    }

    /**
     * The registry key: for a directory its real path (creating the directory first, so that
     * {@code data}, {@code ./data} and a symbolic link to it are one database), for a named
     * in-memory database {@code mem:<name>}, which no real path can equal.
     */
    private static String key(DepotUrl url) {
        if (url.directory().isEmpty()) {
            return "mem:" + url.memoryName().orElseThrow();
        }
        Path directory = url.directory().get();
        try {
            Files.createDirectories(directory);
            return directory.toRealPath().toString();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Cannot open database directory[%s]: %s", directory, describe(e)), e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
