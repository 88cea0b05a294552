package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

/** The raw bytes of one column block (validity bitmap when it has NULLs, then the encoded values). */
record EncodedBlock(Encoding encoding, byte[] raw) {
    EncodedBlock {
        requireNonNull(encoding, "encoding is null");
        requireNonNull(raw, "raw is null");
    }
}
