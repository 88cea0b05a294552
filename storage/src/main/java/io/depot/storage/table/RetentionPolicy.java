package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.time.Duration;

/**
 * Which old versions of a table {@link Database#vacuum} keeps: a version survives when it is one
 * of the newest {@code keepVersions}, or was committed less than {@code keepNewerThan} ago, or a
 * {@link Snapshot} of it is still reachable in this process. The current version always survives.
 * Readers in other processes are protected only by {@code keepNewerThan}: make it longer than
 * the longest query.
 *
 * @param keepVersions newest versions kept whatever their age, at least 1
 * @param keepNewerThan versions committed within this long before the vacuum are kept
 */
public record RetentionPolicy(int keepVersions, Duration keepNewerThan) {
    /** Keeps the current version and every version committed in the last hour. */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(1, Duration.ofHours(1));

    public RetentionPolicy {
        requireNonNull(keepNewerThan, "keepNewerThan is null");
        if (keepVersions < 1) {
            throw new DepotException(ErrorCode.USER, "A retention policy keeps at least 1 version, not " + keepVersions);
        }
        if (keepNewerThan.isNegative()) {
            throw new DepotException(ErrorCode.USER, "A retention period cannot be negative: " + keepNewerThan);
        }
    }

    /** Keeps only the newest {@code versions} (and pinned ones), however recent the others are. */
    public static RetentionPolicy keepLast(int versions) {
        return new RetentionPolicy(versions, Duration.ZERO);
    }
}
