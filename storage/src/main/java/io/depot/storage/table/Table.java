package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.Optional;

/** A committed table. Cheap to hold; every read goes through a {@link Snapshot}. */
public final class Table {
    private final String name;
    private final TableDirectory directory;

    Table(String name, TableDirectory directory) {
        this.name = requireNonNull(name, "name is null");
        this.directory = requireNonNull(directory, "directory is null");
    }

    public String name() {
        return name;
    }

    /** The latest committed state, pinned: later commits do not change it. */
    public Snapshot snapshot() {
        if (!directory.isDropped()) {
            Optional<Manifest> manifest = directory.readCurrent();
            if (manifest.isPresent()) {
                return new Snapshot(directory, manifest.get());
            }
        }
        throw new DepotException(ErrorCode.USER, "Table[" + name + "] no longer exists");
    }

    @Override
    public String toString() {
        return "Table[" + name + "]";
    }
}
