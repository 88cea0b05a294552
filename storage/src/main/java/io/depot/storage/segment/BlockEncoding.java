package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.FieldVector;

/**
 * One way of laying out the values of a column block, following DuckDB's lifecycle: the writer
 * asks every candidate for its size ({@link #estimateSize}, from the block's statistics), encodes
 * with the smallest, and the reader decodes with the one the footer names. NULLs are not the
 * encoding's business: a validity bitmap precedes the encoded values when a block has any.
 * Implementations are stateless and thread-safe.
 */
interface BlockEncoding {
    /** What {@link #estimateSize} answers when this encoding cannot represent the values. */
    long NOT_APPLICABLE = -1;

    /** Exact bytes {@link #encode} would write for these values, or {@link #NOT_APPLICABLE}. */
    long estimateSize(BlockValues values);

    /** Writes the values; called only when {@link #estimateSize} applied. */
    void encode(BlockValues values, LittleEndianOutput output);

    /**
     * Allocates the vector for {@code rows} rows and fills its values (not its validity) from the
     * payload, which must be consumed exactly. Every length, width, count and index read is
     * checked first; damage throws CORRUPTION through {@code location}.
     *
     * @throws java.nio.BufferUnderflowException when the payload ends early (the caller reports it)
     */
    void decode(ByteBuffer payload, int rows, ColumnType type, FieldVector vector, BlockLocation location);
}
