package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

/**
 * Where one column of one block lives in the file and what it holds.
 *
 * @param offset file position of the stored bytes
 * @param storedLength bytes on disk (compressed when {@code compressed})
 * @param rawLength bytes after decompression, before decoding
 * @param checksum CRC32C of the stored bytes
 */
record ColumnBlockInfo(
        long offset,
        int storedLength,
        int rawLength,
        Encoding encoding,
        boolean compressed,
        int checksum,
        ZoneMap zoneMap) {
    ColumnBlockInfo {
        requireNonNull(encoding, "encoding is null");
        requireNonNull(zoneMap, "zoneMap is null");
    }
}
