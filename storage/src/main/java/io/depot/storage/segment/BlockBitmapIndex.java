package io.depot.storage.segment;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * The bitmap index of one column block, read: its sorted distinct values (keys) and, on demand,
 * the rows of any range of them as one bitmap. Values are never decoded row by row. Written by
 * {@link BitmapIndexWriter}; bitmaps are deserialized only for the keys a predicate selects.
 */
final class BlockBitmapIndex {
    private final ColumnType type;
    private final int rows;
    private final long nullCount;
    private final long[] longKeys;
    private final int[] textOffsets;
    private final byte[] textKeys;
    private final int[] bitmapOffsets;
    private final ByteBuffer bitmaps;
    private final BlockLocation location;

    private BlockBitmapIndex(ColumnType type, int rows, long nullCount, long[] longKeys, int[] textOffsets,
            byte[] textKeys, int[] bitmapOffsets, ByteBuffer bitmaps, BlockLocation location) {
        this.type = type;
        this.rows = rows;
        this.nullCount = nullCount;
        this.longKeys = longKeys;
        this.textOffsets = textOffsets;
        this.textKeys = textKeys;
        this.bitmapOffsets = bitmapOffsets;
        this.bitmaps = bitmaps;
        this.location = location;
    }

    /** Parses raw index bytes (checksum verified, decompressed), checking every count and offset. */
    static BlockBitmapIndex parse(byte[] raw, ColumnType type, int rows, long nullCount, BlockLocation location) {
        ByteBuffer input = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte kind = input.get();
            boolean text = type.kind() == TypeKind.VARCHAR;
            if (kind != (text ? BitmapIndexWriter.TEXT_KEYS : BitmapIndexWriter.LONG_KEYS)) {
                throw location.corruption("has a bitmap index of unknown kind[" + kind + "]");
            }
            int entries = input.getInt();
            if (entries <= 0 || entries > BitmapIndexWriter.maxEntries(rows)) {
                throw location.corruption("has a bitmap index of impossible size[" + entries + "]");
            }
            long[] longKeys = null;
            int[] textOffsets = null;
            byte[] textKeys = null;
            if (text) {
                textOffsets = new int[entries + 1];
                input.asIntBuffer().get(textOffsets);
                input.position(input.position() + textOffsets.length * Integer.BYTES);
                checkAscendingOffsets(textOffsets, input.remaining(), location, "key");
                textKeys = new byte[textOffsets[entries]];
                input.get(textKeys);
                for (int i = 1; i < entries; i++) {
                    if (Arrays.compareUnsigned(textKeys, textOffsets[i - 1], textOffsets[i],
                            textKeys, textOffsets[i], textOffsets[i + 1]) >= 0) {
                        throw location.corruption("has bitmap index keys out of order at key " + i);
                    }
                }
            } else {
                longKeys = new long[entries];
                input.asLongBuffer().get(longKeys);
                input.position(input.position() + entries * Long.BYTES);
                for (int i = 1; i < entries; i++) {
                    if (longKeys[i] <= longKeys[i - 1]) {
                        throw location.corruption("has bitmap index keys out of order at key " + i);
                    }
                }
            }
            int[] bitmapOffsets = new int[entries + 2];
            input.asIntBuffer().get(bitmapOffsets);
            input.position(input.position() + bitmapOffsets.length * Integer.BYTES);
            checkAscendingOffsets(bitmapOffsets, input.remaining(), location, "bitmap");
            if (bitmapOffsets[entries + 1] != input.remaining()) {
                throw location.corruption("has " + (input.remaining() - bitmapOffsets[entries + 1])
                        + " bytes after its bitmap index");
            }
            ByteBuffer bitmaps = input.slice().order(ByteOrder.LITTLE_ENDIAN);
            return new BlockBitmapIndex(type, rows, nullCount, longKeys, textOffsets, textKeys, bitmapOffsets, bitmaps,
                    location);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw location.corruption("has a truncated bitmap index");
        }
    }

    private static void checkAscendingOffsets(int[] offsets, int limit, BlockLocation location, String what) {
        if (offsets[0] != 0) {
            throw location.corruption("has a first bitmap index " + what + " offset of " + offsets[0]);
        }
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] < offsets[i - 1] || offsets[i] > limit) {
                throw location.corruption("has bitmap index " + what + " offset[" + offsets[i]
                        + "] out of order or past the index");
            }
        }
    }

    int rowCount() {
        return rows;
    }

    /** Approximate heap bytes this index holds, for {@link BitmapIndexCache}'s budget. */
    long memoryBytes() {
        long keys = longKeys != null ? (long) longKeys.length * Long.BYTES
                : (long) textOffsets.length * Integer.BYTES + textKeys.length;
        // The bitmaps slice keeps the whole raw index alive, keys and offsets included: count them twice.
        long rawBeforeBitmaps = 1 + Integer.BYTES + keys + (long) bitmapOffsets.length * Integer.BYTES;
        return 2 * rawBeforeBitmaps + bitmaps.capacity() + 256;
    }

    int keyCount() {
        return bitmapOffsets.length - 2;
    }

    /** Rows that are NULL. */
    RoaringBitmap nullRows() {
        RoaringBitmap nulls = bitmap(0);
        if (nulls.getLongCardinality() != nullCount) {
            throw location.corruption("has a bitmap index of " + nulls.getLongCardinality() + " NULL rows but "
                    + nullCount + " in the footer");
        }
        return nulls;
    }

    /** Rows whose value is one of keys {@code [from, to)}. */
    RoaringBitmap rowsOfKeys(int from, int to) {
        RoaringBitmap result = new RoaringBitmap();
        for (int key = from; key < to; key++) {
            result.or(bitmap(key + 1));
        }
        return result;
    }

    /** The first key not less than {@code value} (keyCount when all are less). */
    int lowerBound(Object value) {
        return search(value, false);
    }

    /** The first key greater than {@code value} (keyCount when none is). */
    int upperBound(Object value) {
        return search(value, true);
    }

    private int search(Object value, boolean strictlyGreater) {
        int low = 0;
        int high = keyCount();
        byte[] text = value instanceof String string ? string.getBytes(StandardCharsets.UTF_8) : null;
        while (low < high) {
            int middle = (low + high) >>> 1;
            int comparison = compareKey(middle, value, text);
            boolean goRight = strictlyGreater ? comparison <= 0 : comparison < 0;
            if (goRight) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Key {@code index} compared with a value of the column's Java type. */
    private int compareKey(int index, Object value, byte[] text) {
        return switch (type.kind()) {
            case VARCHAR -> Arrays.compareUnsigned(textKeys, textOffsets[index], textOffsets[index + 1],
                    text, 0, text.length);
            case INTEGER -> Long.compare(longKeys[index], (Integer) value);
            case BIGINT -> Long.compare(longKeys[index], (Long) value);
            case DATE -> Long.compare(longKeys[index], ((LocalDate) value).toEpochDay());
            case TIMESTAMP -> Long.compare(longKeys[index], ArrowValues.timestampToMicros((LocalDateTime) value));
            case DECIMAL -> BigDecimal.valueOf(longKeys[index], type.scale()).compareTo((BigDecimal) value);
            case BOOLEAN, DOUBLE -> throw new IllegalStateException(type + " columns have no bitmap index");
        };
    }

    /** Bitmap {@code slot}: 0 = NULL rows, key + 1 = rows of that key. */
    private RoaringBitmap bitmap(int slot) {
        int start = bitmapOffsets[slot];
        int length = bitmapOffsets[slot + 1] - start;
        ByteBuffer bytes = bitmaps.duplicate().position(start).limit(start + length).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        RoaringBitmap bitmap = new RoaringBitmap();
        try {
            bitmap.deserialize(bytes);
        } catch (IOException | RuntimeException e) {
            throw location.corruption("has an unreadable bitmap in its bitmap index");
        }
        if (bitmap.serializedSizeInBytes() != length || (!bitmap.isEmpty() && Integer.toUnsignedLong(bitmap.last()) >= rows)) {
            throw location.corruption("has a bitmap in its bitmap index that does not fit its rows");
        }
        return bitmap;
    }
}
