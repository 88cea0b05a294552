package io.depot.storage.segment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * Builds the bitmap index of one column block: the block's distinct non-NULL values in order and,
 * per value, a Roaring bitmap of the rows holding it, plus one of the NULL rows. Only blocks with
 * at most {@link #MAX_ENTRIES} distinct values get one (more would cost more than the column);
 * DOUBLE never does, since SQL equality on doubles is not equality of bits, nor BOOLEAN, whose
 * two values cost a bit per row each as bitmaps and decode faster than that. Layout in
 * docs/storage-format.md ("Bitmap index").
 */
final class BitmapIndexWriter {
    /** Most distinct values a block may have to be indexed (and never more than half its rows). */
    static final int MAX_ENTRIES = 4096;
    static final byte LONG_KEYS = 0;
    static final byte TEXT_KEYS = 1;

    private BitmapIndexWriter() {}

    /** The raw index bytes of the block the builder holds, or null when the block gets none. */
    static byte[] build(ColumnBlockBuilder builder, BlockValues values) {
        int rows = builder.rowCount();
        if (rows == 0 || builder.nullCount() == rows) {
            return null;
        }
        int maxEntries = maxEntries(rows);
        if (values instanceof VarCharValues text) {
            SortedDictionary dictionary = text.dictionary();
            if (dictionary == null || dictionary.entryCount() > maxEntries) {
                return null;
            }
            LittleEndianOutput output = new LittleEndianOutput();
            output.writeByte(TEXT_KEYS);
            output.writeInt(dictionary.entryCount());
            for (int offset : dictionary.entryOffsets()) {
                output.writeInt(offset);
            }
            output.writeRaw(dictionary.entryBytes(), 0, dictionary.entryBytes().length);
            writeBitmaps(builder, dictionary.codes(), dictionary.entryCount(), output);
            return output.toByteArray();
        }
        if (values instanceof FixedWidthValues fixed && fixed.type().isInteger()) {
            long[] rowValues = fixed.values();
            long[] keys = distinctKeys(builder, rowValues, rows, maxEntries);
            if (keys == null) {
                return null;
            }
            long[] codes = new long[rows];
            for (int row = 0; row < rows; row++) {
                codes[row] = builder.isValid(row) ? Arrays.binarySearch(keys, rowValues[row]) : 0;
            }
            LittleEndianOutput output = new LittleEndianOutput();
            output.writeByte(LONG_KEYS);
            output.writeInt(keys.length);
            for (long key : keys) {
                output.writeLong(key);
            }
            writeBitmaps(builder, codes, keys.length, output);
            return output.toByteArray();
        }
        return null;
    }

    static int maxEntries(int rows) {
        return Math.min(MAX_ENTRIES, Math.max(1, rows / 2));
    }

    /** The sorted distinct values of the non-NULL rows, or null when there are too many. */
    private static long[] distinctKeys(ColumnBlockBuilder builder, long[] values, int rows, int maxEntries) {
        long[] valid = new long[rows];
        int count = 0;
        for (int row = 0; row < rows; row++) {
            valid[count] = values[row];
            count += builder.isValid(row) ? 1 : 0;
        }
        Arrays.sort(valid, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || valid[i] != valid[i - 1]) {
                if (distinct == maxEntries) {
                    return null;
                }
                valid[distinct++] = valid[i];
            }
        }
        return Arrays.copyOf(valid, distinct);
    }

    /**
     * Groups the rows by code (a counting sort, so each bitmap is built from ascending rows in one
     * call), then writes {@code entries + 2} int32 offsets and the bitmaps: NULL rows first, then
     * one per code.
     */
    private static void writeBitmaps(ColumnBlockBuilder builder, long[] codes, int entries,
            LittleEndianOutput output) {
        int rows = builder.rowCount();
        // Slot 0 collects NULL rows, slot code + 1 the rows of that code.
        int[] starts = new int[entries + 2];
        for (int row = 0; row < rows; row++) {
            starts[slot(builder, codes, row) + 1]++;
        }
        for (int slot = 1; slot < starts.length; slot++) {
            starts[slot] += starts[slot - 1];
        }
        int[] next = Arrays.copyOf(starts, starts.length);
        int[] grouped = new int[rows];
        for (int row = 0; row < rows; row++) {
            grouped[next[slot(builder, codes, row)]++] = row;
        }
        RoaringBitmap[] bitmaps = new RoaringBitmap[entries + 1];
        int[] offsets = new int[entries + 2];
        for (int slot = 0; slot <= entries; slot++) {
            RoaringBitmap bitmap = new RoaringBitmap();
            bitmap.addN(grouped, starts[slot], starts[slot + 1] - starts[slot]);
            bitmap.runOptimize();
            bitmaps[slot] = bitmap;
            offsets[slot + 1] = offsets[slot] + bitmap.serializedSizeInBytes();
        }
        for (int offset : offsets) {
            output.writeInt(offset);
        }
        ByteBuffer area = ByteBuffer.allocate(offsets[entries + 1]).order(ByteOrder.LITTLE_ENDIAN);
        for (RoaringBitmap bitmap : bitmaps) {
            bitmap.serialize(area);
        }
        output.writeRaw(area.array(), 0, area.capacity());
    }

    private static int slot(ColumnBlockBuilder builder, long[] codes, int row) {
        return builder.isValid(row) ? (int) codes[row] + 1 : 0;
    }
}
