package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * A sorted dictionary of the block's distinct strings plus a bit-packed code per row, for
 * VARCHAR blocks with at most half as many distinct values as rows. The dictionary is in
 * unsigned UTF-8 byte order, so a range of values is a range of codes. Payload: int32 entry
 * count, {@code count + 1} int32 offsets, the entries' bytes, a {@link PackedFrame} of the codes.
 * NULL rows carry code 0 and decode to entry 0 (their bytes are unspecified, as in PLAIN).
 */
final class DictionaryEncoding implements BlockEncoding {
    @Override
    public long estimateSize(BlockValues values) {
        if (!(values instanceof VarCharValues text)) {
            return NOT_APPLICABLE;
        }
        SortedDictionary dictionary = text.dictionary();
        if (dictionary == null) {
            return NOT_APPLICABLE;
        }
        int entries = dictionary.entryCount();
        return Integer.BYTES + (long) (entries + 1) * Integer.BYTES + dictionary.entryBytes().length
                + PackedFrame.length(text.rowCount(), entries - 1);
    }

    @Override
    public void encode(BlockValues values, LittleEndianOutput output) {
        VarCharValues text = (VarCharValues) values;
        SortedDictionary dictionary = text.dictionary();
        int entries = dictionary.entryCount();
        output.writeInt(entries);
        for (int offset : dictionary.entryOffsets()) {
            output.writeInt(offset);
        }
        output.writeRaw(dictionary.entryBytes(), 0, dictionary.entryBytes().length);
        PackedFrame.write(dictionary.codes(), 0, text.rowCount(), 0, entries - 1, output);
    }

    @Override
    public void decode(ByteBuffer payload, int rows, ColumnType type, FieldVector vector, BlockLocation location) {
        read(payload, rows, location).writeStrings(vector, location);
    }

    /** Reads the block's entries and codes, checked, without decoding strings. */
    static BlockDictionary read(ByteBuffer payload, int rows, BlockLocation location) {
        int entries = DecodeChecks.readCount(payload, Math.min(rows, payload.remaining() / Integer.BYTES),
                location, "dictionary size");
        int[] entryOffsets = new int[entries + 1];
        payload.asIntBuffer().get(entryOffsets);
        payload.position(payload.position() + entryOffsets.length * Integer.BYTES);
        byte[] entryBytes = readEntries(payload, entryOffsets, location);
        long[] codes = DecodeScratch.current().values(rows);
        PackedFrame.read(payload, rows, codes, 0, location, "code");
        return new BlockDictionary(entryBytes, entryOffsets, codes, rows, location);
    }

    /** Reads the entries after checking their offsets and that they are strictly ascending. */
    private static byte[] readEntries(ByteBuffer payload, int[] offsets, BlockLocation location) {
        int entries = offsets.length - 1;
        if (offsets[0] != 0) {
            throw location.corruption("has a first dictionary offset of " + offsets[0]);
        }
        for (int i = 1; i <= entries; i++) {
            if (offsets[i] < offsets[i - 1] || offsets[i] > payload.remaining()) {
                throw location.corruption("has dictionary offset[" + offsets[i] + "] out of order or past the block");
            }
        }
        byte[] bytes = new byte[offsets[entries]];
        payload.get(bytes);
        for (int i = 1; i < entries; i++) {
            if (Arrays.compareUnsigned(bytes, offsets[i - 1], offsets[i], bytes, offsets[i], offsets[i + 1]) >= 0) {
                throw location.corruption("has dictionary entries out of order at entry " + i);
            }
        }
        return bytes;
    }
}
