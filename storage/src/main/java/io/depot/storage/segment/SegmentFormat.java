package io.depot.storage.segment;

import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
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
    /** The layout this code writes when no column is a wide DECIMAL: version 2 plus bitmap indexes. */
    static final int FORMAT_VERSION = 3;
    /**
     * The same layout as version 3, written when some column is a DECIMAL wider than 18 digits
     * (128-bit values, bounds and the DECIMAL128_FRAME encoding), so that a version-3 reader
     * refuses such a file by its header instead of misreading it. Segments without wide decimals
     * stay version 3, readable by older Depot builds.
     */
    static final int FORMAT_VERSION_WIDE_DECIMAL = 4;
    /** The older layout this code still reads: the same, without bitmap indexes. */
    static final int FORMAT_VERSION_WITHOUT_INDEXES = 2;
    /** Rows per block: the executor's batch size. */
    static final int DEFAULT_BLOCK_ROWS = 65_536;
    /** Magic plus a 4-byte version. */
    static final int HEADER_LENGTH = MAGIC.length + Integer.BYTES;
    /** Footer length, footer CRC32C, magic. */
    static final int TRAILER_LENGTH = Integer.BYTES + Integer.BYTES + MAGIC.length;

    private SegmentFormat() {}

    /** The version a segment of this schema is written in: the oldest that can hold it. */
    static int versionFor(TableSchema schema) {
        for (Column column : schema.columns()) {
            if (column.type().isWideDecimal()) {
                return FORMAT_VERSION_WIDE_DECIMAL;
            }
        }
        return FORMAT_VERSION;
    }

    /** Whether this code reads segment files of {@code version}. */
    static boolean isReadable(int version) {
        return version == FORMAT_VERSION_WITHOUT_INDEXES || version == FORMAT_VERSION
                || version == FORMAT_VERSION_WIDE_DECIMAL;
    }
}
