package io.depot.storage.segment;

import java.util.Optional;

/** How the raw bytes of one column block represent its values. The ids are stored on disk. */
enum Encoding {
    /** Validity bitmap, then the values as Arrow lays them out (offsets plus bytes for VARCHAR). */
    PLAIN((byte) 0);

    private final byte id;

    Encoding(byte id) {
        this.id = id;
    }

    byte id() {
        return id;
    }

    static Optional<Encoding> forId(byte id) {
        for (Encoding encoding : values()) {
            if (encoding.id == id) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }
}
