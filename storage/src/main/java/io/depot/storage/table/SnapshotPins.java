package io.depot.storage.table;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The snapshots alive in this process, so a vacuum keeps the files they read. A snapshot has no
 * close: it pins its version for as long as it is reachable (weakly held here, so a forgotten
 * snapshot stops pinning once the garbage collector has cleared it).
 */
final class SnapshotPins {
    private static final Set<Snapshot> LIVE = Collections.newSetFromMap(new WeakHashMap<>());

    private SnapshotPins() {}

    static void register(Snapshot snapshot) {
        synchronized (LIVE) {
            LIVE.add(snapshot);
        }
    }

    /** Versions of the table in {@code tableDirectory} that live snapshots read. */
    static Set<Long> pinnedVersions(Path tableDirectory) {
        Set<Long> versions = new HashSet<>();
        synchronized (LIVE) {
            for (Snapshot snapshot : LIVE) {
                if (snapshot.directoryPath().equals(tableDirectory)) {
                    versions.add(snapshot.version());
                }
            }
        }
        return versions;
    }
}
