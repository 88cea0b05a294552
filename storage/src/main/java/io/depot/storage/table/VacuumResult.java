package io.depot.storage.table;

import java.util.List;

/**
 * What {@link Database#vacuum} removed.
 *
 * @param removedVersions versions whose manifests were deleted, ascending
 * @param deletedFiles manifests, segments and deletion vectors deleted
 * @param freedBytes their total size
 */
public record VacuumResult(List<Long> removedVersions, int deletedFiles, long freedBytes) {
    public VacuumResult {
        removedVersions = List.copyOf(removedVersions);
    }
}
