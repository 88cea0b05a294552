package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

/** The bytes of one column block as they go to disk, with what the footer records about them. */
record StoredBlock(byte[] bytes, int rawLength, boolean compressed, int checksum) {
    StoredBlock {
        requireNonNull(bytes, "bytes is null");
    }
}
