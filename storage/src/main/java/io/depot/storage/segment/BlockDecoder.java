package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Turns the raw bytes of a column block (checksum already verified, already decompressed) into
 * an Arrow vector: the encoding decodes the values, then the validity bitmap is copied (or set
 * to all-valid when the block stored none) and checked against the footer's NULL count.
 */
final class BlockDecoder {
    private BlockDecoder() {}

    /** Bytes of the validity bitmap at the start of a block's raw bytes: none without NULLs. */
    static int validityLength(int rows, long nullCount) {
        return nullCount > 0 ? ColumnBlockBuilder.validityLength(rows) : 0;
    }

    /** Decodes the block whose raw bytes are {@code raw[0..length)}. */
    static void decode(byte[] raw, int length, Encoding encoding, ColumnType type, int rows, long nullCount,
            FieldVector vector, BlockLocation location) {
        int validityLength = validityLength(rows, nullCount);
        if (length < validityLength) {
            throw location.corruption("has " + length + " bytes, too few for its validity bitmap");
        }
        ByteBuffer payload = ByteBuffer.wrap(raw, validityLength, length - validityLength).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        try {
            encoding.implementation().decode(payload, rows, type, vector, location);
        } catch (BufferUnderflowException e) {
            throw location.corruption("ends before its " + encoding + " values do");
        }
        if (payload.hasRemaining()) {
            throw location.corruption("has " + payload.remaining() + " bytes after its " + encoding + " values");
        }
        if (validityLength > 0) {
            vector.getValidityBuffer().setBytes(0, raw, 0, validityLength);
        }
        finish(type, rows, nullCount, vector, location);
    }

    /**
     * The entries and codes of the DICTIONARY block whose raw bytes are {@code raw[0..length)},
     * without decoding its strings: NULL rows get the NULL code, and their number is checked
     * against the footer's as {@link #finish} checks a vector's.
     */
    static BlockDictionary readDictionary(byte[] raw, int length, int rows, long nullCount, BlockLocation location) {
        int validityLength = validityLength(rows, nullCount);
        if (length < validityLength) {
            throw location.corruption("has " + length + " bytes, too few for its validity bitmap");
        }
        ByteBuffer payload = ByteBuffer.wrap(raw, validityLength, length - validityLength).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        BlockDictionary dictionary;
        try {
            dictionary = DictionaryEncoding.read(payload, rows, location);
        } catch (BufferUnderflowException e) {
            throw location.corruption("ends before its " + Encoding.DICTIONARY + " values do");
        }
        if (payload.hasRemaining()) {
            throw location.corruption("has " + payload.remaining() + " bytes after its " + Encoding.DICTIONARY + " values");
        }
        long nulls = validityLength > 0 ? dictionary.markNulls(raw) : 0;
        if (nulls != nullCount) {
            throw location.corruption("has " + nulls + " NULLs in its bitmap but " + nullCount + " in the footer");
        }
        return dictionary;
    }

    /**
     * Completes a vector whose values are in place and whose validity bitmap, when the block has
     * NULLs, is too: sets all-valid otherwise, checks the NULL count, sets the value count.
     */
    static void finish(ColumnType type, int rows, long nullCount, FieldVector vector, BlockLocation location) {
        ArrowBuf validity = vector.getValidityBuffer();
        int fullBytes = rows >>> 3;
        int tailBits = rows & 7;
        if (nullCount == 0) {
            validity.setOne(0, fullBytes);
            if (tailBits != 0) {
                validity.setByte(fullBytes, (1 << tailBits) - 1);
            }
        } else {
            if (tailBits != 0) {
                // Bits past the last row mean nothing; clear them so the vector is clean.
                validity.setByte(fullBytes, validity.getByte(fullBytes) & ((1 << tailBits) - 1));
            }
            long valid = 0;
            int words = fullBytes >>> 3;
            for (int word = 0; word < words; word++) {
                valid += Long.bitCount(validity.getLong((long) word * Long.BYTES));
            }
            for (int index = words * Long.BYTES; index < ColumnBlockBuilder.validityLength(rows); index++) {
                valid += Integer.bitCount(validity.getByte(index) & 0xFF);
            }
            if (valid != rows - nullCount) {
                throw location.corruption("has " + (rows - valid) + " NULLs in its bitmap but "
                        + nullCount + " in the footer");
            }
        }
        if (type.kind() == TypeKind.VARCHAR) {
            // Tell the vector every row is set, or setValueCount would "fill holes" over the offsets.
            ((BaseVariableWidthVector) vector).setLastSet(rows - 1);
        }
        vector.setValueCount(rows);
    }
}
