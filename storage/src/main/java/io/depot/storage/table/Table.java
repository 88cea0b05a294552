package io.depot.storage.table;

/** A committed table. Cheap to hold; every read goes through a {@link Snapshot}. */
public final class Table {
    public String name() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The latest committed state, pinned: later commits do not change it. */
    public Snapshot snapshot() {
        throw new UnsupportedOperationException("TODO");
    }
}
