package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Reads a few rows of a block without building the whole block as a vector: the values of the
 * rows at the given positions go straight from the block's raw bytes into a vector of just those
 * rows. FRAME_OF_REFERENCE values and DICTIONARY codes are read where they sit (value {@code p}
 * at bit {@code p * width} of the packed words: a handful of word reads instead of a pass over
 * the block's 65,536 values); PLAIN values likewise at {@code p * size}; DELTA sums its deltas
 * only up to the last position, chunk by chunk in cache; RUN_LENGTH walks its runs alongside the
 * positions; PLAIN and LENGTHS text copies just the selected rows' bytes after checking every
 * offset or length. The checksum of the whole block has been verified before; lengths, widths, codes, run
 * lengths, the NULL count and the gathered values' range are checked here, as a full decode would.
 */
final class RowGather {
    private static final VarHandle LONG_VIEW = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_VIEW = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private RowGather() {}

    /** Whether {@link #gather} reads rows of this encoding and type (others are decoded whole, then copied). */
    static boolean gathers(Encoding encoding, ColumnType type) {
        boolean text = type.kind() == TypeKind.VARCHAR;
        return switch (encoding) {
            case FRAME_OF_REFERENCE, DELTA, RUN_LENGTH -> !text;
            case PLAIN -> true;
            case DICTIONARY, LENGTHS -> text;
            case DECIMAL128_FRAME -> false;
        };
    }

    /**
     * Fills the vector with the rows at {@code positions[0..count)} (ascending, within the
     * block) of a block whose raw bytes are {@code raw[0..length)}, for an encoding {@link #gathers}.
     */
    static void gather(byte[] raw, int length, Encoding encoding, ColumnType type, int rows, long nullCount,
            int[] positions, int count, FieldVector vector, BlockLocation location) {
        int validityLength = BlockDecoder.validityLength(rows, nullCount);
        if (length < validityLength) {
            throw location.corruption("has " + length + " bytes, too few for its validity bitmap");
        }
        if (validityLength > 0) {
            checkNullCount(raw, rows, nullCount, location);
        }
        try {
            if (encoding == Encoding.DICTIONARY) {
                dictionary(raw, validityLength, length, rows, positions, count, (BaseVariableWidthVector) vector,
                        location);
            } else if (encoding == Encoding.LENGTHS) {
                lengths(raw, validityLength, length, rows, positions, count, (BaseVariableWidthVector) vector,
                        location);
            } else if (type.kind() == TypeKind.VARCHAR) {
                plainText(raw, validityLength, length, rows, positions, count, (BaseVariableWidthVector) vector,
                        location);
            } else {
                PhysicalType physical = PhysicalType.of(type);
                long[] values = DecodeScratch.current().values(count * physical.longsPerValue());
                switch (encoding) {
                    case FRAME_OF_REFERENCE -> packedFrame(raw, validityLength, length, rows, positions, count, values,
                            location, "value");
                    case DELTA -> delta(raw, validityLength, length, rows, positions, count, values, location);
                    case RUN_LENGTH -> runLength(raw, validityLength, length, rows, positions, count, values, location);
                    case PLAIN -> plain(raw, validityLength, length, physical, rows, positions, count, values,
                            location);
                    default -> throw new IllegalArgumentException(encoding + " blocks are not gathered");
                }
                new FixedWidthWriter(vector, physical, count, location).write(values, count);
            }
        } catch (BufferUnderflowException e) {
            throw location.corruption("ends before its " + encoding + " values do");
        }
        if (validityLength == 0) {
            BlockDecoder.finish(type, count, 0, vector, location);
            return;
        }
        // The selected rows' validity bits, assembled on the heap and copied in one call.
        int bitmapLength = ColumnBlockBuilder.validityLength(count);
        byte[] bits = DecodeScratch.current().bits(bitmapLength);
        Arrays.fill(bits, 0, bitmapLength, (byte) 0);
        int nulls = 0;
        for (int i = 0; i < count; i++) {
            int position = positions[i];
            int valid = (raw[position >>> 3] >>> (position & 7)) & 1;
            bits[i >>> 3] |= (byte) (valid << (i & 7));
            nulls += 1 - valid;
        }
        vector.getValidityBuffer().setBytes(0, bits, 0, bitmapLength);
        BlockDecoder.finish(type, count, nulls, vector, location);
    }

    /**
     * The values at the positions of the {@link PackedFrame} of {@code rows} values that fills
     * {@code raw[frameStart..frameEnd)} exactly.
     */
    private static void packedFrame(byte[] raw, int frameStart, int frameEnd, int rows, int[] positions, int count,
            long[] values, BlockLocation location, String what) {
        if (frameEnd - frameStart < PackedFrame.HEADER_LENGTH) {
            throw new BufferUnderflowException();
        }
        long reference = (long) LONG_VIEW.get(raw, frameStart);
        int width = raw[frameStart + Long.BYTES];
        if (width < 0 || width > BitPacking.MAX_WIDTH) {
            throw location.corruption("has an impossible " + what + " bit width[" + width + "]");
        }
        int wordsStart = frameStart + PackedFrame.HEADER_LENGTH;
        long wordsLength = BitPacking.packedLength(rows, width);
        if (frameEnd - wordsStart != wordsLength) {
            throw location.corruption("has " + (frameEnd - wordsStart) + " packed bytes where " + wordsLength
                    + " were expected");
        }
        if (width <= BitPacking.MAX_WINDOW_WIDTH) {
            gatherByWindows(raw, frameEnd, wordsStart, width, reference, positions, count, values);
        } else {
            gatherByWords(raw, wordsStart, (int) (wordsLength / Long.BYTES), width, reference, positions, count, values);
        }
    }

    /**
     * Value {@code p} is one unaligned 8-byte load at byte {@code p * width / 8} of the packed
     * words, shifted by the remaining bits; a load that would run past the frame takes the bytes
     * that are there (the packed words end with the last value's bits).
     */
    private static void gatherByWindows(byte[] raw, int length, int wordsStart, int width, long reference,
            int[] positions, int count, long[] values) {
        long mask = (1L << width) - 1;
        int lastWindow = length - Long.BYTES;
        for (int i = 0; i < count; i++) {
            long bit = (long) positions[i] * width;
            int at = wordsStart + (int) (bit >>> 3);
            long window = at <= lastWindow ? (long) LONG_VIEW.get(raw, at) : tailWindow(raw, at, length);
            values[i] = ((window >>> (bit & 7)) & mask) + reference;
        }
    }

    /** The little-endian bytes {@code raw[at..length)}, fewer than eight, as a long. */
    private static long tailWindow(byte[] raw, int at, int length) {
        long window = 0;
        for (int index = length - 1; index >= at; index--) {
            window = window << 8 | (raw[index] & 0xFF);
        }
        return window;
    }

    /** Values wider than a window holds: assembled from the two packed words they span. */
    private static void gatherByWords(byte[] raw, int wordsStart, int wordCount, int width, long reference,
            int[] positions, int count, long[] values) {
        long mask = width == 64 ? -1L : (1L << width) - 1;
        for (int i = 0; i < count; i++) {
            long bit = (long) positions[i] * width;
            int word = (int) (bit >>> 6);
            int shift = (int) (bit & 63);
            long value = (long) LONG_VIEW.get(raw, wordsStart + word * Long.BYTES) >>> shift;
            if (shift + width > 64 && word + 1 < wordCount) {
                value |= (long) LONG_VIEW.get(raw, wordsStart + (word + 1) * Long.BYTES) << (64 - shift);
            }
            values[i] = (value & mask) + reference;
        }
    }

    /**
     * DELTA: the first value, then the deltas summed a chunk at a time (a chunk of 1,024 deltas
     * starts on a packed word and stays in cache) up to the chunk of the last position only; each
     * chunk's positions are picked from its running sums.
     */
    private static void delta(byte[] raw, int start, int end, int rows, int[] positions, int count, long[] values,
            BlockLocation location) {
        ByteBuffer payload = ByteBuffer.wrap(raw, start, end - start).slice().order(ByteOrder.LITTLE_ENDIAN);
        long first = payload.getLong();
        long reference = payload.getLong();
        int width = DecodeChecks.readWidth(payload, location, "delta");
        long packed = BitPacking.packedLength(rows - 1, width);
        if (payload.remaining() != packed) {
            throw location.corruption("has " + payload.remaining() + " packed bytes where " + packed
                    + " were expected");
        }
        long[] chunk = DecodeScratch.current().chunk();
        int next = 0;
        while (next < count && positions[next] == 0) {
            values[next++] = first;
        }
        long current = first;
        // chunk[i] becomes row chunkStart + i, for rows 1..rows-1
        for (int chunkStart = 1; chunkStart < rows && next < count; chunkStart += FixedWidthWriter.CHUNK_ROWS) {
            int deltas = Math.min(FixedWidthWriter.CHUNK_ROWS, rows - chunkStart);
            BitPacking.unpack(payload, deltas, width, reference, chunk, 0);
            for (int i = 0; i < deltas; i++) {
                current += chunk[i];
                chunk[i] = current;
            }
            int chunkEnd = chunkStart + deltas;
            while (next < count && positions[next] < chunkEnd) {
                values[next] = chunk[positions[next] - chunkStart];
                next++;
            }
        }
    }

    /**
     * RUN_LENGTH: the run values and lengths (all checked, as a full decode does), then one walk
     * that advances to the run holding each position in turn.
     */
    private static void runLength(byte[] raw, int start, int end, int rows, int[] positions, int count, long[] values,
            BlockLocation location) {
        ByteBuffer payload = ByteBuffer.wrap(raw, start, end - start).slice().order(ByteOrder.LITTLE_ENDIAN);
        int runCount = DecodeChecks.readCount(payload, rows, location, "run count");
        // Run values in [0, runCount), run lengths (then run ends) in [runCount, 2 * runCount).
        long[] runs = DecodeScratch.current().runs(2 * runCount);
        PackedFrame.read(payload, runCount, runs, 0, location, "run value");
        PackedFrame.read(payload, runCount, runs, runCount, location, "run length");
        if (payload.hasRemaining()) {
            throw location.corruption("has " + payload.remaining() + " bytes after its " + Encoding.RUN_LENGTH
                    + " values");
        }
        long row = 0;
        for (int run = 0; run < runCount; run++) {
            long length = runs[runCount + run];
            if (length < 1 || length > rows - row) {
                throw location.corruption("has runs longer than its " + rows + " rows");
            }
            row += length;
            runs[runCount + run] = row;
        }
        if (row != rows) {
            throw location.corruption("has runs of " + row + " rows in total where " + rows + " were expected");
        }
        int run = 0;
        for (int i = 0; i < count; i++) {
            int position = positions[i];
            while (runs[runCount + run] <= position) {
                run++;
            }
            values[i] = runs[run];
        }
    }

    /** PLAIN fixed-width: value {@code p} at byte {@code p * size} (bit {@code p} for BOOLEAN). */
    private static void plain(byte[] raw, int start, int end, PhysicalType type, int rows, int[] positions, int count,
            long[] values, BlockLocation location) {
        int length = type.plainLength(rows);
        if (end - start != length) {
            throw location.corruption("holds " + (end - start) + " value bytes where " + length + " were expected");
        }
        switch (type) {
            case BIT -> {
                for (int i = 0; i < count; i++) {
                    int position = positions[i];
                    values[i] = (raw[start + (position >>> 3)] >>> (position & 7)) & 1;
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    values[i] = (int) INT_VIEW.get(raw, start + positions[i] * Integer.BYTES);
                }
            }
            case INT64, FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    values[i] = (long) LONG_VIEW.get(raw, start + positions[i] * Long.BYTES);
                }
            }
            case INT128 -> {
                for (int i = 0; i < count; i++) {
                    int at = start + positions[i] * 2 * Long.BYTES;
                    values[2 * i] = (long) LONG_VIEW.get(raw, at);
                    values[2 * i + 1] = (long) LONG_VIEW.get(raw, at + Long.BYTES);
                }
            }
        }
    }

    /** DICTIONARY: the dictionary, then the codes at the positions, then their entries' text. */
    private static void dictionary(byte[] raw, int start, int end, int rows, int[] positions, int count,
            BaseVariableWidthVector vector, BlockLocation location) {
        ByteBuffer payload = ByteBuffer.wrap(raw, start, end - start).slice().order(ByteOrder.LITTLE_ENDIAN);
        DictionaryEncoding.Entries entries = DictionaryEncoding.readEntries(payload, rows, location);
        long[] codes = DecodeScratch.current().values(count);
        packedFrame(raw, start + payload.position(), end, rows, positions, count, codes, location, "code");
        DictionaryEncoding.writeStrings(codes, count, entries, vector, location);
    }

    /**
     * LENGTHS: every length is unpacked and checked against the text (the rows' starts are their
     * sums), then only the selected rows' bytes are copied.
     */
    private static void lengths(byte[] raw, int start, int end, int rows, int[] positions, int count,
            BaseVariableWidthVector vector, BlockLocation location) {
        ByteBuffer payload = ByteBuffer.wrap(raw, start, end - start).slice().order(ByteOrder.LITTLE_ENDIAN);
        long[] ends = DecodeScratch.current().values(rows);
        PackedFrame.read(payload, rows, ends, 0, location, "length");
        int dataStart = start + payload.position();
        int dataLength = end - dataStart;
        long sum = 0;
        for (int row = 0; row < rows; row++) {
            long length = ends[row];
            // Unsigned compare: a length read as negative is out of range too.
            if (Long.compareUnsigned(length, dataLength - sum) > 0) {
                throw location.corruption("has length[" + Long.toUnsignedString(length) + "] at row " + row
                        + " past its " + dataLength + " data bytes");
            }
            sum += length;
            ends[row] = sum;
        }
        if (sum != dataLength) {
            throw location.corruption("has lengths summing to " + sum + " but holds " + dataLength + " data bytes");
        }
        copyText(raw, dataStart, ends, false, positions, count, vector);
    }

    /** PLAIN VARCHAR: the offsets (all checked, as a full decode does), then the selected rows' bytes. */
    private static void plainText(byte[] raw, int start, int end, int rows, int[] positions, int count,
            BaseVariableWidthVector vector, BlockLocation location) {
        long offsetsLength = (long) (rows + 1) * Integer.BYTES;
        if (end - start < offsetsLength) {
            throw location.corruption("has " + (end - start) + " value bytes, too few for " + rows + " offsets");
        }
        int dataStart = start + (int) offsetsLength;
        int dataLength = end - dataStart;
        long[] offsets = DecodeScratch.current().values(rows + 1);
        int previous = (int) INT_VIEW.get(raw, start);
        if (previous != 0) {
            throw location.corruption("has a first offset of " + previous);
        }
        offsets[0] = 0;
        for (int i = 1; i <= rows; i++) {
            int next = (int) INT_VIEW.get(raw, start + i * Integer.BYTES);
            if (next < previous || next > dataLength) {
                throw location.corruption("has offset[" + next + "] out of order or past the data at row " + (i - 1));
            }
            offsets[i] = next;
            previous = next;
        }
        if (previous != dataLength) {
            throw location.corruption("ends its offsets at " + previous + " but holds " + dataLength + " data bytes");
        }
        copyText(raw, dataStart, offsets, true, positions, count, vector);
    }

    /**
     * Writes the rows at the positions into the vector: row {@code p}'s bytes start at
     * {@code dataStart} plus its start offset and end at its end offset, where {@code offsets} holds
     * the start of every row and the end of the last ({@code startsIncluded}: PLAIN's offsets) or
     * the end of every row (LENGTHS' running sums: a row starts where the one before ends).
     */
    private static void copyText(byte[] raw, int dataStart, long[] offsets, boolean startsIncluded, int[] positions,
            int count, BaseVariableWidthVector vector) {
        int shift = startsIncluded ? 0 : -1;
        long total = 0;
        for (int i = 0; i < count; i++) {
            int position = positions[i] + shift;
            total += offsets[position + 1] - (position < 0 ? 0 : offsets[position]);
        }
        vector.allocateNew(Math.max(total, 1), count);
        long offsetAddress = vector.getOffsetBuffer().memoryAddress();
        long dataAddress = vector.getDataBuffer().memoryAddress();
        MemoryUtil.putInt(offsetAddress, 0);
        long written = 0;
        for (int i = 0; i < count; i++) {
            int position = positions[i] + shift;
            long from = position < 0 ? 0 : offsets[position];
            int length = (int) (offsets[position + 1] - from);
            MemoryUtil.copyToMemory(raw, dataStart + from, dataAddress + written, length);
            written += length;
            MemoryUtil.putInt(offsetAddress + (long) (i + 1) * Integer.BYTES, (int) written);
        }
    }

    private static void checkNullCount(byte[] raw, int rows, long nullCount, BlockLocation location) {
        long valid = 0;
        int fullBytes = rows >>> 3;
        for (int index = 0; index < fullBytes; index++) {
            valid += Integer.bitCount(raw[index] & 0xFF);
        }
        if ((rows & 7) != 0) {
            valid += Integer.bitCount(raw[fullBytes] & ((1 << (rows & 7)) - 1));
        }
        if (valid != rows - nullCount) {
            throw location.corruption("has " + (rows - valid) + " NULLs in its bitmap but " + nullCount
                    + " in the footer");
        }
    }
}
