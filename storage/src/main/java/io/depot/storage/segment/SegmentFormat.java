package io.depot.storage.segment;

import java.nio.charset.StandardCharsets;

/**
 * Constants of the segment file layout; docs/storage-format.md describes it byte by byte.
 *
 * <p>Every number in a segment file is little-endian, like Arrow's buffers, so fixed-width values
 * move between file and vector with bulk copies.
 */
final class SegmentFormat {
    /** First and last four bytes of every segment file. */
    static final byte[] MAGIC = "DSEG".getBytes(StandardCharsets.US_ASCII);
    /** The layout this code writes: version 2 plus bitmap indexes. */
    static final int FORMAT_VERSION = 3;
    /** The older layout this code still reads: the same, without bitmap indexes. */
    static final int FORMAT_VERSION_WITHOUT_INDEXES = 2;
    /** Rows per block: the executor's batch size. */
    static final int DEFAULT_BLOCK_ROWS = 65_536;
    /** Magic plus a 4-byte version. */
    static final int HEADER_LENGTH = MAGIC.length + Integer.BYTES;
    /** Footer length, footer CRC32C, magic. */
    static final int TRAILER_LENGTH = Integer.BYTES + Integer.BYTES + MAGIC.length;

    private SegmentFormat() {}
}
