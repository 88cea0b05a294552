package io.depot.storage.segment;

/**
 * The values of one column block as the writer collected them, handed to encodings. Arrays are
 * shared with the block builder, not copied: valid only until the builder's next block.
 */
sealed interface BlockValues permits FixedWidthValues, VarCharValues {
    int rowCount();
}
