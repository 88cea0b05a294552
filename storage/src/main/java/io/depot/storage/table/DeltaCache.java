package io.depot.storage.table;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The decoded rows of one table's current write-ahead log, kept between snapshots: the log only
 * grows until a fold replaces it, so each snapshot reads just the records appended since the last
 * one (usually none: one {@code stat}). Thread-safe.
 */
final class DeltaCache {
    /**
     * The log as one snapshot sees it.
     *
     * @param rows the rows of its whole records
     * @param end where its last whole record ends (0: no header yet)
     * @param exists whether the file was there
     */
    record State(DeltaView rows, long end, boolean exists) {}

    private String fileName;
    private Object fileKey;
    private TableSchema schema;
    private DeltaStore store;
    private long end;

    /** The rows of log {@code fileName} in {@code directory}, read up to its current end. */
    synchronized State read(Path directory, String fileName, TableSchema schema) {
        Path file = directory.resolve(fileName);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new State(DeltaView.empty(schema), 0, false);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot read write-ahead log[" + file + "]: " + e.getMessage(), e);
        }
        if (!fileName.equals(this.fileName) || !schema.equals(this.schema)
                || !Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < end) {
            this.fileName = fileName;
            this.fileKey = attributes.fileKey();
            this.schema = schema;
            this.store = new DeltaStore(schema);
            this.end = 0;
        }
        if (attributes.size() > end) {
            DeltaStore target = store;
            try {
                end = DeltaLog.read(file, end, attributes.size(), payload -> decode(file, payload, target));
            } catch (NoSuchFileException e) {
                return new State(DeltaView.empty(schema), 0, false);
            } catch (IOException e) {
                throw new DepotException(ErrorCode.RESOURCE,
                        "Cannot read write-ahead log[" + file + "]: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // A half-applied read must not stay: start over next time.
                this.fileName = null;
                throw e;
            }
        }
        return new State(store.view(), end, true);
    }

    private static void decode(Path file, java.nio.ByteBuffer payload, DeltaStore target) {
        try {
            DeltaCodec.decode(payload, target);
        } catch (RuntimeException e) {
            throw new DepotException(ErrorCode.CORRUPTION,
                    "Write-ahead log[" + file + "] has a record that does not fit the table: " + e.getMessage(), e);
        }
    }
}
