package io.depot.storage.segment;

import java.util.Optional;

/**
 * How the values of one column block are laid out. The ids are stored in the footer and never
 * change meaning; readers refuse ids they do not know. Declaration order is the preference when
 * two encodings would take the same space: simpler decoding first.
 */
enum Encoding {
    /** Arrow's layout: the values buffer, or offsets plus bytes for VARCHAR. */
    PLAIN((byte) 0, new PlainEncoding()),
    /** VARCHAR as bit-packed byte lengths followed by the text. */
    LENGTHS((byte) 5, new LengthsEncoding()),
    /** Integers as bit-packed offsets from the block minimum. */
    FRAME_OF_REFERENCE((byte) 2, new FrameOfReferenceEncoding()),
    /** 128-bit decimals as bit-packed offsets from the block minimum, when the range fits 64 bits. */
    DECIMAL128_FRAME((byte) 6, new Decimal128FrameEncoding()),
    /** Integers as a first value plus bit-packed offsets of the deltas from the smallest delta. */
    DELTA((byte) 3, new DeltaEncoding()),
    /** Any fixed-width values as runs: bit-packed run values and run lengths. */
    RUN_LENGTH((byte) 4, new RunLengthEncoding()),
    /** VARCHAR as a sorted dictionary of distinct strings plus bit-packed codes. */
    DICTIONARY((byte) 1, new DictionaryEncoding());

    private final byte id;
    private final BlockEncoding implementation;

    Encoding(byte id, BlockEncoding implementation) {
        this.id = id;
        this.implementation = implementation;
    }

    byte id() {
        return id;
    }

    BlockEncoding implementation() {
        return implementation;
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
