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

    /**
     * The latest committed state, pinned: later commits do not change it. It holds the rows of the
     * write-ahead log committed by the time it was taken.
     */
    public Snapshot snapshot() {
        while (!directory.isDropped()) {
            Optional<Manifest> manifest = directory.readCurrent();
            if (manifest.isEmpty()) {
                break;
            }
            DeltaCache.State delta = directory.readDelta(manifest.get());
            // A missing log is empty, unless a fold committed and deleted it since the manifest was
            // read: then the manifest is stale, and its log's rows are in a newer version's segment.
            if (!delta.exists() && manifest.get().deltaLog() != null
                    && !directory.currentManifestName().equals(
                            Optional.of(TableDirectory.manifestName(manifest.get().version())))) {
                continue;
            }
            return new Snapshot(directory, manifest.get(), delta.rows());
        }
        throw new DepotException(ErrorCode.USER, "Table[" + name + "] no longer exists");
    }

    @Override
    public String toString() {
        return "Table[" + name + "]";
    }
}
