package io.depot.storage.segment;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/**
 * Moves decoded values (longs, as {@link PhysicalType} describes them) into a fixed-width
 * vector's data buffer, appending from row 0 on, after checking they fit the column. Decoders
 * feed it a chunk at a time from {@link DecodeScratch#chunk()}: a 64K-row array of longs does not
 * fit the CPU's first-level caches, so every extra pass over one (checking, narrowing, copying)
 * costs about as much as unpacking it, while a chunk stays in cache from unpacking to copying.
 * The buffer views are made once per block, not per chunk.
 */
final class FixedWidthWriter {
    /** Values per chunk: a multiple of 64, so a bit-packed chunk ends on a word, and of 8 for BIT. */
    static final int CHUNK_ROWS = 1024;

    private final PhysicalType type;
    private final ArrowBuf data;
    private final BlockLocation location;
    private final IntBuffer ints;
    private final LongBuffer longs;
    private boolean checked = true;
    private int row;

    /**
     * Allocates the vector for {@code rows} values of {@code type} and makes a writer that must
     * then write all of them. The validity bitmap starts zeroed (all NULL), the data buffer
     * uninitialized: Arrow's {@code allocateNew} would zero it, only for every byte to be written
     * again, and would size one combined buffer for both up to the next power of two (twice the
     * bytes for a 64K-row block).
     */
    FixedWidthWriter(FieldVector vector, PhysicalType type, int rows, BlockLocation location) {
        this.type = type;
        this.location = location;
        int length = type.plainLength(rows);
        BufferAllocator allocator = vector.getAllocator();
        try (ArrowBuf validity = allocator.buffer(ColumnBlockBuilder.validityLength(rows));
                ArrowBuf values = allocator.buffer(length)) {
            validity.setZero(0, validity.capacity());
            // The vector takes its own references to both buffers; ours close here.
            vector.loadFieldBuffers(new ArrowFieldNode(rows, 0), List.of(validity, values));
        }
        this.data = vector.getDataBuffer();
        boolean wide = type == PhysicalType.INT64 || type == PhysicalType.FLOAT64 || type == PhysicalType.INT128;
        this.ints = type == PhysicalType.INT32 && rows > 0
                ? data.nioBuffer(0, length).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer() : null;
        this.longs = wide && rows > 0 ? data.nioBuffer(0, length).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer() : null;
    }

    /**
     * Tells the writer that every value to come lies in {@code [min, max]}: when that range fits
     * the column, {@link #write} need not check each value (a frame's reference and bit width
     * bound its values before they are unpacked; run values bound the rows of their runs).
     */
    void knownRange(long min, long max) {
        if (DecodeChecks.fits(type, min, max)) {
            checked = false;
        }
    }

    /**
     * Checks that {@code values[0..count)} fit the column and writes them at the next rows;
     * except for the last, every call's count must be a multiple of 8 (BIT rows pack into bytes).
     */
    void write(long[] values, int count) {
        if (count == 0) {
            return;
        }
        if (checked) {
            DecodeChecks.checkFit(type, values, count, location);
        }
        switch (type) {
            case BIT -> {
                byte[] bytes = DecodeScratch.current().bits((count + 7) >>> 3);
                int fullBytes = count >>> 3;
                for (int index = 0; index < fullBytes; index++) {
                    int base = index << 3;
                    bytes[index] = (byte) (values[base] | values[base + 1] << 1 | values[base + 2] << 2
                            | values[base + 3] << 3 | values[base + 4] << 4 | values[base + 5] << 5
                            | values[base + 6] << 6 | values[base + 7] << 7);
                }
                if ((count & 7) != 0) {
                    int last = 0;
                    for (int value = fullBytes << 3; value < count; value++) {
                        last |= (int) values[value] << (value & 7);
                    }
                    bytes[fullBytes] = (byte) last;
                }
                data.setBytes(row >>> 3, bytes, 0, (count + 7) >>> 3);
            }
            case INT32 -> {
                int[] narrowed = DecodeScratch.current().ints(count);
                for (int i = 0; i < count; i++) {
                    narrowed[i] = (int) values[i];
                }
                ints.put(row, narrowed, 0, count);
            }
            case INT64, FLOAT64 -> longs.put(row, values, 0, count);
            case INT128 -> longs.put(row * 2, values, 0, count * 2);
        }
        row += count;
    }
}
