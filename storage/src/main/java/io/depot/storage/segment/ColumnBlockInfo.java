package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

/**
 * Where one column of one block lives in the file and what it holds.
 *
 * @param offset file position of the stored bytes
 * @param storedLength bytes on disk (compressed when {@code compressed})
 * @param rawLength bytes after decompression, before decoding
 * @param checksum CRC32C of the stored bytes
 * @param index where the block's bitmap index lives, or null when it has none
 */
record ColumnBlockInfo(
        long offset,
        int storedLength,
        int rawLength,
        Encoding encoding,
        boolean compressed,
        int checksum,
        ZoneMap zoneMap,
        IndexLocation index) {
    ColumnBlockInfo {
        requireNonNull(encoding, "encoding is null");
        requireNonNull(zoneMap, "zoneMap is null");
    }

    /** A block without a bitmap index. */
    ColumnBlockInfo(long offset, int storedLength, int rawLength, Encoding encoding, boolean compressed, int checksum,
            ZoneMap zoneMap) {
        this(offset, storedLength, rawLength, encoding, compressed, checksum, zoneMap, null);
    }

    /**
     * Where a bitmap index is stored: like a block, LZ4-compressed when that pays and checked by
     * the CRC32C of its stored bytes.
     */
    record IndexLocation(long offset, int storedLength, int rawLength, boolean compressed, int checksum) {}
}
