package io.depot.storage.segment;

/**
 * Chooses each block's encoding: every encoding that applies estimates its exact size from the
 * block's statistics and the smallest wins (ties go to the one declared first in {@link
 * Encoding}). The validity bitmap is written only when the block has NULLs.
 */
final class BlockEncoder {
    private BlockEncoder() {}

    static EncodedBlock encode(BlockValues values, byte[] validity, int nullCount) {
        Encoding chosen = choose(values);
        LittleEndianOutput output = new LittleEndianOutput();
        if (nullCount > 0) {
            output.writeRaw(validity, 0, ColumnBlockBuilder.validityLength(values.rowCount()));
        }
        chosen.implementation().encode(values, output);
        return new EncodedBlock(chosen, output.toByteArray());
    }

    /** The applicable encoding with the smallest estimated size. */
    static Encoding choose(BlockValues values) {
        Encoding best = Encoding.PLAIN;
        long bestSize = Encoding.PLAIN.implementation().estimateSize(values);
        for (Encoding candidate : Encoding.values()) {
            long size = candidate.implementation().estimateSize(values);
            if (size != BlockEncoding.NOT_APPLICABLE && size < bestSize) {
                best = candidate;
                bestSize = size;
            }
        }
        return best;
    }
}
