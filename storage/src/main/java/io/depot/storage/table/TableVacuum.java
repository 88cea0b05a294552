package io.depot.storage.table;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes the versions of one table a {@link RetentionPolicy} lets go, then every segment and
 * deletion vector no remaining manifest names. Runs under the table's writer lock, so no commit
 * adds files meanwhile. Every remaining manifest is read before anything is deleted: an
 * unreadable one aborts the vacuum with nothing removed. Manifests go first, oldest first, then
 * data files; a crash in between leaves only files no manifest names, which the next vacuum
 * removes.
 */
final class TableVacuum {
    private final TableDirectory directory;
    private final Manifest current;
    private final RetentionPolicy policy;
    private final Instant now;

    TableVacuum(TableDirectory directory, Manifest current, RetentionPolicy policy, Instant now) {
        this.directory = directory;
        this.current = current;
        this.policy = policy;
        this.now = now;
    }

    VacuumResult run() throws IOException {
        List<Long> versions = directory.manifestVersions();
        Set<Long> pinned = SnapshotPins.pinnedVersions(directory.path());
        Instant cutoff = now.minus(policy.keepNewerThan());
        List<Long> expired = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            long version = versions.get(i);
            Manifest manifest = version == current.version() ? current : directory.readManifest(version);
            boolean newest = i >= versions.size() - policy.keepVersions();
            if (version < current.version() && !newest && !pinned.contains(version)
                    && committedAt(manifest).isBefore(cutoff)) {
                expired.add(version);
            } else {
                referenced.addAll(filesOf(manifest));
            }
        }
        int deletedFiles = 0;
        long freedBytes = 0;
        for (long version : expired) {
            Path file = directory.path().resolve(TableDirectory.manifestName(version));
            freedBytes += sizeOf(file);
            Files.deleteIfExists(file);
            deletedFiles++;
        }
        for (Map.Entry<Path, Long> data : directory.dataFiles().entrySet()) {
            Path file = data.getKey();
            // Files of later versions belong to a write in progress elsewhere or a crashed one;
            // orphan removal, not vacuum, decides about those.
            if (data.getValue() <= current.version() && !referenced.contains(file.getFileName().toString())) {
                freedBytes += sizeOf(file);
                Files.deleteIfExists(file);
                deletedFiles++;
            }
        }
        if (deletedFiles > 0) {
            directory.syncDirectory();
        }
        return new VacuumResult(expired, deletedFiles, freedBytes);
    }

    private Instant committedAt(Manifest manifest) {
        try {
            return Instant.parse(manifest.committedAt());
        } catch (DateTimeParseException e) {
            throw new DepotException(ErrorCode.CORRUPTION, String.format(
                    "Manifest of table[%s] version[%d] has an unreadable commit time '%s'",
                    manifest.tableName(), manifest.version(), manifest.committedAt()), e);
        }
    }

    private static Set<String> filesOf(Manifest manifest) {
        Set<String> files = new HashSet<>();
        for (Manifest.ManifestSegment segment : manifest.segments()) {
            files.add(segment.file());
            if (segment.deletionVector() != null) {
                files.add(segment.deletionVector().file());
            }
        }
        return files;
    }

    private static long sizeOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }
}
