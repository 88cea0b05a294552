package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.roaringbitmap.RoaringBitmap;

/**
 * Reads one segment file: its footer at open, its blocks on demand. Every block is checked
 * against its CRC32C before it is decoded. Reads are positional, so one reader may serve several
 * threads.
 */
public final class SegmentReader implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final SegmentFooter footer;
    private final RoaringBitmap deletedRows;
    private final long[] blockStarts;
    private final FileIdentity identity;
    private final BitmapIndexCache indexCache;

    /** The file as opened: what {@link BitmapIndexCache} keys its entries by. */
    private record FileIdentity(String file, long size, long modifiedNanos) {}

    private SegmentReader(Path file, FileChannel channel, SegmentFooter footer, RoaringBitmap deletedRows,
            FileIdentity identity, BitmapIndexCache indexCache) {
        this.file = file;
        this.identity = identity;
        this.indexCache = indexCache;
        this.channel = channel;
        this.footer = footer;
        this.deletedRows = deletedRows;
        this.blockStarts = new long[footer.blocks().size() + 1];
        for (int block = 0; block < footer.blocks().size(); block++) {
            blockStarts[block + 1] = blockStarts[block] + footer.blocks().get(block).rowCount();
        }
    }

    /** Opens a segment file and validates its header, trailer and footer. */
    public static SegmentReader open(Path file) {
        return open(file, new RoaringBitmap());
    }

    /**
     * Opens a segment file of which the rows at {@code deletedRows} (positions in the segment) are
     * deleted: {@link #readBlock} still decodes them, and {@link #deletedRows(int)} names them so
     * every reader can leave them out.
     */
    public static SegmentReader open(Path file, RoaringBitmap deletedRows) {
        return open(file, deletedRows, null);
    }

    /**
     * Like {@link #open(Path, RoaringBitmap)}, keeping parsed bitmap indexes in {@code indexCache}
     * (null: none). Only for files that are never rewritten in place, such as a table's segments
     * (unique names, written once): the cache knows a file by its path, size and modification time.
     */
    public static SegmentReader open(Path file, RoaringBitmap deletedRows, BitmapIndexCache indexCache) {
        requireNonNull(file, "file is null");
        requireNonNull(deletedRows, "deletedRows is null");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new DepotException(ErrorCode.CORRUPTION, "Segment[" + file + "] is missing", e);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot open segment[" + file + "]: " + e.getMessage(), e);
        }
        try {
            FileIdentity identity = indexCache == null ? null : identify(file, channel);
            SegmentFooter footer = readFooter(file, channel);
            if (!deletedRows.isEmpty() && Integer.toUnsignedLong(deletedRows.last()) >= footer.rowCount()) {
                throw corrupt(file, "has " + footer.rowCount() + " rows, fewer than its deletion vector names");
            }
            return new SegmentReader(file, channel, footer, deletedRows.clone(), identity, indexCache);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public TableSchema schema() {
        return footer.schema();
    }

    public long rowCount() {
        return footer.rowCount();
    }

    /** Rows not deleted. */
    public long liveRowCount() {
        return footer.rowCount() - deletedRows.getLongCardinality();
    }

    /** The deleted rows of one block (positions within the block), or empty when none is. */
    public Optional<RoaringBitmap> deletedRows(int block) {
        blockInfo(block);
        long start = blockStarts[block];
        long end = blockStarts[block + 1];
        if (deletedRows.isEmpty() || deletedRows.rangeCardinality(start, end) == 0) {
            return Optional.empty();
        }
        RoaringBitmap inBlock = RoaringBitmap.and(deletedRows, RoaringBitmap.bitmapOfRange(start, end));
        return Optional.of(RoaringBitmap.addOffset(inBlock, -start));
    }

    /** The live rows of one block (positions within the block), or empty when every row is live. */
    public Optional<RoaringBitmap> liveRows(int block) {
        return deletedRows(block).map(deleted -> RoaringBitmap.andNot(
                RoaringBitmap.bitmapOfRange(0, blockRowCount(block)), deleted));
    }

    public int blockCount() {
        return footer.blocks().size();
    }

    public int blockRowCount(int block) {
        return blockInfo(block).rowCount();
    }

    /** Min, max and null count of one column in one block. */
    public ZoneMap zoneMap(int column, int block) {
        return columnBlock(block, column).zoneMap();
    }

    /** Min, max and null count of one column over the whole segment. */
    public ZoneMap segmentZoneMap(int column) {
        if (column < 0 || column >= footer.columnZoneMaps().size()) {
            throw new IndexOutOfBoundsException("column " + column + " of " + footer.columnZoneMaps().size() + " in " + file);
        }
        return footer.columnZoneMaps().get(column);
    }

    /**
     * Decodes the given columns of one block into a new root whose fields are those columns in
     * that order. The caller owns and closes the root.
     */
    public VectorSchemaRoot readBlock(int block, int[] columns, BufferAllocator allocator) {
        return readBlock(block, columns, allocator, null);
    }

    /**
     * Like {@link #readBlock(int, int[], BufferAllocator)}, except that a column whose block is
     * DICTIONARY-encoded is not decoded: {@code dictionaries[i]} (as long as {@code columns}) gets
     * column {@code i}'s entries and codes, and its vector stays empty until the caller fills it
     * with {@link BlockDictionary#decodeInto} (if it ever needs the strings). Other columns get
     * null there and are decoded as usual.
     */
    public VectorSchemaRoot readBlock(int block, int[] columns, BufferAllocator allocator,
            BlockDictionary[] dictionaries) {
        requireNonNull(columns, "columns is null");
        requireNonNull(allocator, "allocator is null");
        if (dictionaries != null && dictionaries.length < columns.length) {
            throw new IllegalArgumentException(dictionaries.length + " dictionary slots for " + columns.length
                    + " columns");
        }
        int rows = blockRowCount(block);
        int[] next = {0};
        return decodeColumns(block, columns, rows, allocator, (vector, column, info) -> {
            BlockDictionary dictionary = null;
            if (dictionaries != null && info.encoding() == Encoding.DICTIONARY) {
                dictionary = readDictionary(block, column, info, rows);
            } else {
                decodeInto(vector, block, column, info, rows);
            }
            if (dictionaries != null) {
                dictionaries[next[0]++] = dictionary;
            }
        });
    }

    /**
     * Decodes only the rows at {@code positions[0..count)} (ascending, within the block) of the
     * given columns into a new root of {@code count} rows, for a sparse selection such as a
     * bitmap index or a selective filter gives: blocks of every encoding but DECIMAL128_FRAME read
     * just those values ({@link RowGather}); DECIMAL128_FRAME blocks are decoded whole and the rows
     * copied. Checksums are verified as in {@link #readBlock}. The
     * caller owns and closes the root.
     */
    public VectorSchemaRoot readRows(int block, int[] columns, int[] positions, int count, BufferAllocator allocator) {
        requireNonNull(columns, "columns is null");
        requireNonNull(positions, "positions is null");
        requireNonNull(allocator, "allocator is null");
        int rows = blockRowCount(block);
        if (count < 0 || count > positions.length) {
            throw new IndexOutOfBoundsException("count " + count + " of " + positions.length + " positions");
        }
        for (int i = 0; i < count; i++) {
            if (positions[i] < 0 || positions[i] >= rows || (i > 0 && positions[i] <= positions[i - 1])) {
                throw new IllegalArgumentException("position " + positions[i] + " is not ascending within the "
                        + rows + " rows of block " + block + " of " + file);
            }
        }
        return decodeColumns(block, columns, count, allocator, (vector, column, info) -> {
            if (RowGather.gathers(info.encoding(), column.type())) {
                BlockLocation location = new BlockLocation(file, column.name(), block);
                if (!info.compressed() && info.storedLength() != info.rawLength()) {
                    throw location.corruption("has a stored length that differs from its raw length");
                }
                RawBlock raw = readRaw(block, column, info);
                RowGather.gather(raw.bytes(), raw.length(), info.encoding(), column.type(), rows,
                        info.zoneMap().nullCount(), positions, count, vector, location);
            } else {
                copyRows(block, column, info, rows, positions, count, vector, allocator);
            }
        });
    }

    /** Fills one column's vector of a block. */
    private interface ColumnFill {
        void fill(FieldVector vector, Column column, ColumnBlockInfo info);
    }

    /** A root of {@code rows} rows of the given columns, each vector filled by {@code fill}; closed on failure. */
    private VectorSchemaRoot decodeColumns(int block, int[] columns, int rows, BufferAllocator allocator,
            ColumnFill fill) {
        List<FieldVector> vectors = new ArrayList<>(columns.length);
        try {
            for (int column : columns) {
                ColumnBlockInfo info = columnBlock(block, column);
                Column schemaColumn = footer.schema().column(column);
                FieldVector vector = ArrowTypes.createVector(schemaColumn, allocator);
                vectors.add(vector);
                fill.fill(vector, schemaColumn, info);
            }
            List<Field> fields = new ArrayList<>(vectors.size());
            for (FieldVector vector : vectors) {
                fields.add(vector.getField());
            }
            return new VectorSchemaRoot(fields, vectors, rows);
        } catch (RuntimeException e) {
            for (FieldVector vector : vectors) {
                vector.close();
            }
            throw e;
        }
    }

    private void copyRows(int block, Column column, ColumnBlockInfo info, int rows, int[] positions, int count,
            FieldVector target, BufferAllocator allocator) {
        try (FieldVector whole = ArrowTypes.createVector(column, allocator)) {
            decodeInto(whole, block, column, info, rows);
            target.setInitialCapacity(count);
            target.allocateNew();
            for (int i = 0; i < count; i++) {
                target.copyFromSafe(positions[i], i, whole);
            }
            target.setValueCount(count);
        }
    }

    /** Bytes the blocks of one column take in the file, bitmap indexes excluded. */
    public long storedDataBytes(int column) {
        long bytes = 0;
        for (int block = 0; block < blockCount(); block++) {
            bytes += columnBlock(block, column).storedLength();
        }
        return bytes;
    }

    /** Bytes the bitmap indexes of one column take in the file. */
    public long storedIndexBytes(int column) {
        long bytes = 0;
        for (int block = 0; block < blockCount(); block++) {
            ColumnBlockInfo.IndexLocation index = columnBlock(block, column).index();
            bytes += index == null ? 0 : index.storedLength();
        }
        return bytes;
    }

    /** Whether one column of one block has a bitmap index (see {@link #selectRows}). */
    public boolean hasBitmapIndex(int block, int column) {
        return columnBlock(block, column).index() != null;
    }

    /**
     * The rows of one block (0-based within the block) where the predicate is TRUE, computed from
     * the bitmap indexes of the columns it reads without decoding any value; empty when one of
     * those columns has no index in this block (then decode and evaluate instead).
     */
    public Optional<RoaringBitmap> selectRows(int block, RowPredicate predicate) {
        requireNonNull(predicate, "predicate is null");
        int rows = blockRowCount(block);
        Map<Integer, BlockBitmapIndex> indexes = new HashMap<>();
        Map<Integer, Column> columns = new HashMap<>();
        for (int column : predicate.columns()) {
            if (!hasBitmapIndex(block, column)) {
                return Optional.empty();
            }
            indexes.put(column, readBitmapIndex(block, column));
            columns.put(column, footer.schema().column(column));
        }
        return Optional.of(new IndexPredicateEvaluator(indexes, columns, rows).select(predicate));
    }

    private BlockBitmapIndex readBitmapIndex(int block, int columnIndex) {
        if (indexCache == null) {
            return readBitmapIndexFromFile(block, columnIndex);
        }
        BitmapIndexCache.Key key = new BitmapIndexCache.Key(identity.file(), identity.size(), identity.modifiedNanos(),
                block, columnIndex);
        return indexCache.get(key, () -> readBitmapIndexFromFile(block, columnIndex));
    }

    private BlockBitmapIndex readBitmapIndexFromFile(int block, int columnIndex) {
        ColumnBlockInfo info = columnBlock(block, columnIndex);
        ColumnBlockInfo.IndexLocation index = info.index();
        Column column = footer.schema().column(columnIndex);
        // Exact, fresh arrays: the parsed index may keep the bytes.
        byte[] raw = readStored(block, column, index.offset(), index.storedLength(), index.rawLength(),
                index.compressed(), index.checksum(), "bitmap index ", new byte[index.storedLength()],
                index.compressed() ? new byte[index.rawLength()] : null);
        return BlockBitmapIndex.parse(raw, column.type(), blockRowCount(block), info.zoneMap().nullCount(),
                new BlockLocation(file, column.name(), block));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot close segment[" + file + "]: " + e.getMessage(), e);
        }
    }

    /** The parsed footer, for tests of the format. */
    SegmentFooter footer() {
        return footer;
    }

    /**
     * Fills the vector with one column block. Uncompressed PLAIN blocks are read from the file
     * straight into the vector's buffers; others are read (and decompressed) into an array and
     * decoded from there. Either way the checksum is verified before anything decoded is looked at.
     */
    private void decodeInto(FieldVector vector, int block, Column column, ColumnBlockInfo info, int rows) {
        BlockLocation location = new BlockLocation(file, column.name(), block);
        long nullCount = info.zoneMap().nullCount();
        if (!info.compressed() && info.storedLength() != info.rawLength()) {
            throw location.corruption("has a stored length that differs from its raw length");
        }
        if (info.encoding() == Encoding.PLAIN && !info.compressed()) {
            readPlain(vector, column, info, rows, nullCount, location);
            return;
        }
        RawBlock raw = readRaw(block, column, info);
        BlockDecoder.decode(raw.bytes(), raw.length(), info.encoding(), column.type(), rows, nullCount, vector,
                location);
    }

    /** The entries and codes of a DICTIONARY block, checked as {@link #decodeInto} checks a decoded one. */
    private BlockDictionary readDictionary(int block, Column column, ColumnBlockInfo info, int rows) {
        BlockLocation location = new BlockLocation(file, column.name(), block);
        if (!info.compressed() && info.storedLength() != info.rawLength()) {
            throw location.corruption("has a stored length that differs from its raw length");
        }
        RawBlock raw = readRaw(block, column, info);
        return BlockDecoder.readDictionary(raw.bytes(), raw.length(), rows, info.zoneMap().nullCount(), location);
    }

    private void readPlain(FieldVector vector, Column column, ColumnBlockInfo info, int rows, long nullCount,
            BlockLocation location) {
        int validityLength = BlockDecoder.validityLength(rows, nullCount);
        String problem = PlainDecoder.checkLength(column.type(), rows, validityLength, info.rawLength());
        if (problem != null) {
            throw location.corruption(problem);
        }
        List<ByteBuffer> targets = PlainDecoder.allocate(column.type(), rows, validityLength, info.rawLength(), vector);
        CRC32C crc = new CRC32C();
        long position = info.offset();
        for (ByteBuffer target : targets) {
            int length = target.remaining();
            read(location.block(), column, target, position);
            crc.update(target);
            position += length;
        }
        if ((int) crc.getValue() != info.checksum()) {
            throw location.corruption("failed its checksum");
        }
        if (column.type().kind() == TypeKind.VARCHAR) {
            int dataLength = info.rawLength() - validityLength - (rows + 1) * Integer.BYTES;
            problem = PlainDecoder.checkOffsets(vector.getOffsetBuffer(), rows, dataLength);
            if (problem != null) {
                throw location.corruption(problem);
            }
        }
        BlockDecoder.finish(column.type(), rows, nullCount, vector, location);
    }

    /** A block's raw bytes: the first {@code length} bytes of {@code bytes}. */
    private record RawBlock(byte[] bytes, int length) {}

    /**
     * The stored bytes of a block, checked and, when compressed, decompressed to their raw length,
     * in this thread's scratch arrays (no new array per block): valid until its next block read.
     */
    private RawBlock readRaw(int block, Column column, ColumnBlockInfo info) {
        DecodeScratch scratch = DecodeScratch.current();
        byte[] raw = readStored(block, column, info.offset(), info.storedLength(), info.rawLength(), info.compressed(),
                info.checksum(), "", scratch.stored(info.storedLength()),
                info.compressed() ? scratch.raw(info.rawLength()) : null);
        return new RawBlock(raw, info.rawLength());
    }

    /**
     * Reads {@code storedLength} bytes at {@code offset} into {@code stored}, checks them and, when
     * compressed, decompresses them into {@code raw}; returns the array holding the raw bytes.
     */
    private byte[] readStored(int block, Column column, long offset, int storedLength, int rawLength,
            boolean compressed, int checksum, String what, byte[] stored, byte[] raw) {
        read(block, column, ByteBuffer.wrap(stored, 0, storedLength), offset);
        if (BlockCompression.checksum(stored, storedLength) != checksum) {
            throw blockCorruption(column, block, what + "failed its checksum");
        }
        if (!compressed) {
            return stored;
        }
        if (!BlockCompression.decompress(stored, storedLength, raw, rawLength)) {
            throw blockCorruption(column, block, what + "does not decompress to its recorded " + rawLength + " bytes");
        }
        return raw;
    }

    private void read(int block, Column column, ByteBuffer target, long position) {
        try {
            readFully(channel, target, position);
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, String.format("Cannot read segment[%s] column[%s] block[%d]: %s",
                    file, column.name(), block, e.getMessage()), e);
        } catch (DepotException e) {
            throw blockCorruption(column, block, "lies past the end of the file");
        }
    }

    private DepotException blockCorruption(Column column, int block, String problem) {
        return new DepotException(ErrorCode.CORRUPTION,
                String.format("Segment[%s] column[%s] block[%d] %s", file, column.name(), block, problem));
    }

    private BlockInfo blockInfo(int block) {
        if (block < 0 || block >= footer.blocks().size()) {
            throw new IndexOutOfBoundsException("block " + block + " of " + footer.blocks().size() + " in " + file);
        }
        return footer.blocks().get(block);
    }

    private ColumnBlockInfo columnBlock(int block, int column) {
        BlockInfo info = blockInfo(block);
        if (column < 0 || column >= info.columns().size()) {
            throw new IndexOutOfBoundsException("column " + column + " of " + info.columns().size() + " in " + file);
        }
        return info.columns().get(column);
    }

    private static FileIdentity identify(Path file, FileChannel channel) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileIdentity(file.toAbsolutePath().normalize().toString(), channel.size(),
                    attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot read segment[" + file + "]: " + e.getMessage(), e);
        }
    }

    private static SegmentFooter readFooter(Path file, FileChannel channel) {
        try {
            long size = channel.size();
            if (size < SegmentFormat.HEADER_LENGTH + SegmentFormat.TRAILER_LENGTH) {
                throw corrupt(file, "is too short (" + size + " bytes) to be a segment");
            }
            ByteBuffer header = ByteBuffer.allocate(SegmentFormat.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, header, 0);
            checkMagic(file, header, "header");
            int version = header.getInt();
            if (!SegmentFormat.isReadable(version)) {
                throw corrupt(file, "has format version[" + version + "], this Depot reads only versions["
                        + SegmentFormat.FORMAT_VERSION_WITHOUT_INDEXES + ", " + SegmentFormat.FORMAT_VERSION + ", "
                        + SegmentFormat.FORMAT_VERSION_WIDE_DECIMAL + "]");
            }
            ByteBuffer trailer = ByteBuffer.allocate(SegmentFormat.TRAILER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, trailer, size - SegmentFormat.TRAILER_LENGTH);
            int footerLength = trailer.getInt();
            int footerChecksum = trailer.getInt();
            checkMagic(file, trailer, "trailer");
            long footerStart = size - SegmentFormat.TRAILER_LENGTH - footerLength;
            if (footerLength < 0 || footerStart < SegmentFormat.HEADER_LENGTH) {
                throw corrupt(file, "has an impossible footer length[" + footerLength + "]");
            }
            byte[] footerBytes = new byte[footerLength];
            readFully(channel, ByteBuffer.wrap(footerBytes), footerStart);
            if (BlockCompression.checksum(footerBytes) != footerChecksum) {
                throw corrupt(file, "footer failed its checksum");
            }
            SegmentFooter footer = FooterCodec.decode(ByteBuffer.wrap(footerBytes), file, version);
            boolean wide = SegmentFormat.versionFor(footer.schema()) == SegmentFormat.FORMAT_VERSION_WIDE_DECIMAL;
            if (wide != (version == SegmentFormat.FORMAT_VERSION_WIDE_DECIMAL)) {
                throw corrupt(file, "has format version[" + version + "], which does not match its columns' types");
            }
            return footer;
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot read segment[" + file + "]: " + e.getMessage(), e);
        }
    }

    private static void checkMagic(Path file, ByteBuffer buffer, String where) {
        byte[] magic = new byte[SegmentFormat.MAGIC.length];
        buffer.get(magic);
        if (!Arrays.equals(magic, SegmentFormat.MAGIC)) {
            throw corrupt(file, "has no segment magic in its " + where);
        }
    }

    /** Fills the buffer from {@code position} and flips it; reaching the end of the file first is corruption. */
    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long next = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, next);
            if (read < 0) {
                throw new DepotException(ErrorCode.CORRUPTION, "unexpected end of file");
            }
            next += read;
        }
        buffer.flip();
    }

    private static DepotException corrupt(Path file, String problem) {
        return new DepotException(ErrorCode.CORRUPTION, "Segment[" + file + "] " + problem);
    }

    private static void closeQuietly(FileChannel channel, RuntimeException failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
