package io.depot.storage.table;

import io.depot.storage.type.TableSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A Depot database: a directory of tables. Owns the one Arrow root allocator of this instance.
 * Thread-safe; open it once per process and share it.
 */
public final class Database implements AutoCloseable {
    /** Opens the database in this directory, creating the directory and its layout if absent. */
    public static Database open(Path directory) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A throw-away database in a fresh temporary directory that is deleted on close. */
    public static Database temporary() {
        throw new UnsupportedOperationException("TODO");
    }

    public Path directory() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The root allocator; queries and loads take named child allocators from it. */
    public BufferAllocator allocator() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Names of committed tables, sorted. */
    public List<String> tableNames() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The committed table with this name, ignoring case. */
    public Optional<Table> table(String name) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Starts a write to a table. If the table does not exist it is created, with this schema, by
     * the writer's commit (so a failed first load leaves no table behind); if it exists, the
     * schema must match the table's. Blocks other writers of the table (also in other processes)
     * until the writer is closed.
     */
    public TableWriter beginWrite(String tableName, TableSchema schemaIfNew) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Drops a table in one atomic step; readers holding a snapshot keep reading it. */
    public void dropTable(String name) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }
}
