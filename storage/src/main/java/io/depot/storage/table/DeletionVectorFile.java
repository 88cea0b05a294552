package io.depot.storage.table;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.roaringbitmap.RoaringBitmap;

/**
 * A {@code .ddel} file: the deleted row positions of one segment as a Roaring bitmap. Layout:
 * magic {@code DDEL}, int32 version 1, int32 length, that many bytes of the bitmap in Roaring's
 * portable serialization; little-endian. The manifest records the CRC32C of the whole file and
 * the number of rows deleted, and a reader checks both.
 */
final class DeletionVectorFile {
    private static final byte[] MAGIC = "DDEL".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER_LENGTH = MAGIC.length + Integer.BYTES + Integer.BYTES;

    private DeletionVectorFile() {}

    /** Writes and syncs the file; returns what the manifest records about it. */
    static Manifest.ManifestDeletionVector write(Path file, RoaringBitmap deleted) throws IOException {
        deleted.runOptimize();
        int length = deleted.serializedSizeInBytes();
        ByteBuffer bytes = ByteBuffer.allocate(HEADER_LENGTH + length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).putInt(VERSION).putInt(length);
        deleted.serialize(bytes);
        Files.write(file, bytes.array(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileSync.syncFile(file);
        return new Manifest.ManifestDeletionVector(file.getFileName().toString(), checksum(bytes.array()),
                deleted.getLongCardinality());
    }

    /** Reads and checks the deletion vector of a segment of {@code rowCount} rows. */
    static RoaringBitmap read(Path directory, Manifest.ManifestDeletionVector vector, long rowCount) {
        Path file = directory.resolve(vector.file());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DepotException(ErrorCode.CORRUPTION, "Deletion vector[" + file + "] is missing", e);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE,
                    "Cannot read deletion vector[" + file + "]: " + e.getMessage(), e);
        }
        if (checksum(bytes) != vector.checksum()) {
            throw corrupt(file, "failed its checksum");
        }
        ByteBuffer input = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER_LENGTH || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw corrupt(file, "has no deletion vector magic");
        }
        input.position(MAGIC.length);
        int version = input.getInt();
        if (version != VERSION) {
            throw corrupt(file, "has format version[" + version + "], this Depot reads only version[" + VERSION + "]");
        }
        int length = input.getInt();
        if (length != input.remaining()) {
            throw corrupt(file, "has a bitmap length[" + length + "] that disagrees with its size");
        }
        RoaringBitmap deleted = new RoaringBitmap();
        try {
            deleted.deserialize(input.slice().order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, "has an unreadable bitmap");
        }
        if (deleted.serializedSizeInBytes() != length || deleted.getLongCardinality() != vector.deletedRows()
                || (!deleted.isEmpty() && Integer.toUnsignedLong(deleted.last()) >= rowCount)) {
            throw corrupt(file, "does not fit its segment of " + rowCount + " rows and " + vector.deletedRows()
                    + " deleted");
        }
        return deleted;
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return (int) crc.getValue();
    }

    private static DepotException corrupt(Path file, String problem) {
        return new DepotException(ErrorCode.CORRUPTION, "Deletion vector[" + file + "] " + problem);
    }
}
