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
     * @param position where its last whole record ends ({@link DeltaLog.Position#START}: no header yet)
     * @param exists whether the file was there
     */
    record State(DeltaView rows, DeltaLog.Position position, boolean exists) {
        static State empty(TableSchema schema) {
            return new State(DeltaView.empty(schema), DeltaLog.Position.START, false);
        }
    }

    private String fileName;
    private Object fileKey;
    private TableSchema schema;
    private DeltaStore store;
    private DeltaLog.Position position = DeltaLog.Position.START;

    /** The rows of log {@code fileName} of table {@code tableName} in {@code directory}, read up to its current end. */
    synchronized State read(Path directory, String fileName, String tableName, TableSchema schema) {
        Path file = directory.resolve(fileName);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return State.empty(schema);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot read write-ahead log[" + file + "]: " + e.getMessage(), e);
        }
        if (!fileName.equals(this.fileName) || !schema.equals(this.schema)
                || !Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < position.end()) {
            this.fileName = fileName;
            this.fileKey = attributes.fileKey();
            this.schema = schema;
            this.store = new DeltaStore(schema);
            this.position = DeltaLog.Position.START;
        }
        if (attributes.size() > position.end()) {
            DeltaStore target = store;
            try {
                position = DeltaLog.read(file, tableName, position, attributes.size(), payload -> decode(file, payload, target));
            } catch (NoSuchFileException e) {
                return State.empty(schema);
            } catch (IOException e) {
                throw new DepotException(ErrorCode.RESOURCE,
                        "Cannot read write-ahead log[" + file + "]: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // A half-applied read must not stay: start over next time.
                this.fileName = null;
                throw e;
            }
        }
        return new State(store.view(), position, true);
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
