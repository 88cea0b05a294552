package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * A sorted dictionary of the block's distinct strings plus a bit-packed code per row, for
 * VARCHAR blocks with at most half as many distinct values as rows. The dictionary is in
 * unsigned UTF-8 byte order, so a range of values is a range of codes. Payload: int32 entry
 * count, {@code count + 1} int32 offsets, the entries' bytes, a {@link PackedFrame} of the codes.
 * NULL rows carry code 0 and decode to entry 0 (their bytes are unspecified, as in PLAIN).
 */
final class DictionaryEncoding implements BlockEncoding {
    private static final VarHandle LONG_VIEW = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);


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
        Entries entries = readEntries(payload, rows, location);
        long[] codes = DecodeScratch.current().values(rows);
        PackedFrame.read(payload, rows, codes, 0, location, "code");
        writeStrings(codes, rows, entries, (BaseVariableWidthVector) vector, location);
    }

    /** Reads the block's entries and codes, checked, without decoding strings. */
    static BlockDictionary read(ByteBuffer payload, int rows, BlockLocation location) {
        Entries entries = readEntries(payload, rows, location);
        long[] codes = DecodeScratch.current().values(rows);
        PackedFrame.read(payload, rows, codes, 0, location, "code");
        return new BlockDictionary(entries.bytes(), entries.offsets(), codes, rows, location);
    }

    /** A block's dictionary: entry {@code e} is {@code bytes[offsets[e]..offsets[e + 1])}. */
    record Entries(int[] offsets, byte[] bytes) {
        int count() {
            return offsets.length - 1;
        }
    }

    /**
     * Reads the entry count, offsets and bytes at the payload's position (leaving it at the codes'
     * frame), checking that the offsets lie in the block and the entries ascend.
     */
    static Entries readEntries(ByteBuffer payload, int rows, BlockLocation location) {
        int entries = DecodeChecks.readCount(payload, Math.min(rows, payload.remaining() / Integer.BYTES),
                location, "dictionary size");
        int[] entryOffsets = new int[entries + 1];
        payload.asIntBuffer().get(entryOffsets);
        payload.position(payload.position() + entryOffsets.length * Integer.BYTES);
        return new Entries(entryOffsets, readEntries(payload, entryOffsets, location));
    }

    /**
     * Allocates the vector for {@code count} rows and writes the entries the codes
     * {@code codes[0..count)} name (checked against the entry count) as its offsets and bytes.
     */
    static void writeStrings(long[] codes, int count, Entries dictionary, BaseVariableWidthVector text,
            BlockLocation location) {
        int entries = dictionary.count();
        int[] entryOffsets = dictionary.offsets();
        byte[] entryBytes = dictionary.bytes();
        // Each entry's length and its first 8 bytes as a little-endian word (whatever follows a
        // shorter entry rides along: it lands where the next row's bytes or the padding go).
        int[] lengths = new int[entries];
        long[] words = new long[entries];
        byte[] paddedEntries = Arrays.copyOf(entryBytes, entryBytes.length + Long.BYTES);
        for (int entry = 0; entry < entries; entry++) {
            lengths[entry] = entryOffsets[entry + 1] - entryOffsets[entry];
            words[entry] = (long) LONG_VIEW.get(paddedEntries, entryOffsets[entry]);
        }
        long dataLength = 0;
        for (int row = 0; row < count; row++) {
            long code = codes[row];
            // Unsigned: a code read as negative is out of range too.
            if (Long.compareUnsigned(code, entries) >= 0) {
                throw location.corruption("has dictionary code[" + Long.toUnsignedString(code)
                        + "] beyond its " + entries + " entries");
            }
            dataLength += lengths[(int) code];
        }
        if (dataLength > Integer.MAX_VALUE - Long.BYTES) {
            throw location.corruption("decodes to more than " + Integer.MAX_VALUE + " bytes of text");
        }
        // Offsets and bytes are written straight into the vector's memory. The data buffer has 8
        // bytes of padding, so a short entry moves as one 8-byte word, overwriting bytes the next
        // entry rewrites: no byte loop whose length the branch predictor has to guess.
        text.allocateNew(dataLength + Long.BYTES, count);
        long offsetAddress = text.getOffsetBuffer().memoryAddress();
        long dataAddress = text.getDataBuffer().memoryAddress();
        MemoryUtil.putInt(offsetAddress, 0);
        long end = 0;
        for (int row = 0; row < count; row++) {
            int code = (int) codes[row];
            int length = lengths[code];
            if (length <= Long.BYTES) {
                MemoryUtil.putLong(dataAddress + end, words[code]);
            } else {
                MemoryUtil.copyToMemory(entryBytes, entryOffsets[code], dataAddress + end, length);
            }
            end += length;
            MemoryUtil.putInt(offsetAddress + (long) (row + 1) * Integer.BYTES, (int) end);
        }
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
