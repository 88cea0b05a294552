package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
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
        int entries = DecodeChecks.readCount(payload, Math.min(rows, payload.remaining() / Integer.BYTES),
                location, "dictionary size");
        int[] entryOffsets = new int[entries + 1];
        payload.asIntBuffer().get(entryOffsets);
        payload.position(payload.position() + entryOffsets.length * Integer.BYTES);
        byte[] entryBytes = readEntries(payload, entryOffsets, location);
        long[] codes = DecodeScratch.current().values(rows);
        PackedFrame.read(payload, rows, codes, 0, location, "code");
        long largestCode = 0;
        for (int row = 0; row < rows; row++) {
            // Unsigned maximum: a code read as negative is out of range too.
            largestCode = Long.compareUnsigned(codes[row], largestCode) > 0 ? codes[row] : largestCode;
        }
        if (Long.compareUnsigned(largestCode, entries) >= 0) {
            throw location.corruption("has dictionary code[" + Long.toUnsignedString(largestCode)
                    + "] beyond its " + entries + " entries");
        }
        long dataLength = 0;
        for (int row = 0; row < rows; row++) {
            int code = (int) codes[row];
            dataLength += entryOffsets[code + 1] - entryOffsets[code];
        }
        if (dataLength > Integer.MAX_VALUE - Long.BYTES) {
            throw location.corruption("decodes to more than " + Integer.MAX_VALUE + " bytes of text");
        }
        // Assemble offsets and bytes on the heap, then move each to its buffer in one copy:
        // a buffer call per short string costs more than the string.
        int[] offsets = new int[rows + 1];
        // Padding lets a short entry move as one 8-byte word, overwriting bytes the next entry
        // rewrites: no byte loop whose length the branch predictor has to guess.
        byte[] data = new byte[(int) dataLength + Long.BYTES];
        byte[] paddedEntries = Arrays.copyOf(entryBytes, entryBytes.length + Long.BYTES);
        int end = 0;
        for (int row = 0; row < rows; row++) {
            int code = (int) codes[row];
            int start = entryOffsets[code];
            int length = entryOffsets[code + 1] - start;
            if (length <= Long.BYTES) {
                LONG_VIEW.set(data, end, (long) LONG_VIEW.get(paddedEntries, start));
            } else {
                System.arraycopy(entryBytes, start, data, end, length);
            }
            end += length;
            offsets[row + 1] = end;
        }
        BaseVariableWidthVector text = (BaseVariableWidthVector) vector;
        text.allocateNew(Math.max(dataLength, 1), rows);
        text.getOffsetBuffer().nioBuffer(0, (rows + 1) * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
                .put(offsets);
        text.getDataBuffer().setBytes(0, data, 0, dataLength);
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
