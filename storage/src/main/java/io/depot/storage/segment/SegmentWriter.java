package io.depot.storage.segment;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.statistics.HyperLogLog;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes one segment file as rows arrive: each full block goes to disk at once, so memory holds
 * one block per column. {@link #finish()} writes the footer and syncs the file; closing an
 * unfinished writer deletes the file. Not thread-safe.
 */
public final class SegmentWriter implements AutoCloseable {
    /** Rows per block unless a writer asks otherwise. */
    public static final int DEFAULT_BLOCK_ROWS = SegmentFormat.DEFAULT_BLOCK_ROWS;
    private final Path file;
    private final TableSchema schema;
    private final int blockRows;
    private final FileChannel channel;
    private final Set<Integer> indexedColumns;
    private final List<ColumnBlockBuilder> builders = new ArrayList<>();
    private final List<BlockInfo> blocks = new ArrayList<>();
    private long position;
    private long rowCount;
    private boolean finished;
    private boolean closed;

    private SegmentWriter(Path file, TableSchema schema, int blockRows, Set<Integer> indexedColumns,
            FileChannel channel) {
        this.file = file;
        this.schema = schema;
        this.blockRows = blockRows;
        this.indexedColumns = Set.copyOf(indexedColumns);
        this.channel = channel;
        for (Column column : schema.columns()) {
            builders.add(ColumnBlockBuilder.create(column.type(), blockRows));
        }
    }

    /** Creates a new segment file with blocks of the standard size; the file must not exist. */
    public static SegmentWriter create(Path file, TableSchema schema) {
        return create(file, schema, SegmentFormat.DEFAULT_BLOCK_ROWS);
    }

    /**
     * Creates a new segment file with blocks of {@code blockRows} rows and bitmap indexes on its
     * VARCHAR columns; the file must not exist.
     */
    public static SegmentWriter create(Path file, TableSchema schema, int blockRows) {
        return create(file, schema, blockRows, defaultIndexedColumns(schema));
    }

    /**
     * Creates a new segment file whose {@code indexedColumns} (indexes into the schema) get a
     * bitmap index in every block with few enough distinct values (see docs/storage-format.md);
     * DOUBLE and BOOLEAN columns never do. The file must not exist.
     */
    public static SegmentWriter create(Path file, TableSchema schema, int blockRows, Set<Integer> indexedColumns) {
        requireNonNull(file, "file is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(indexedColumns, "indexedColumns is null");
        if (blockRows <= 0 || blockRows % 8 != 0) {
            throw new IllegalArgumentException("blockRows must be a positive multiple of 8: " + blockRows);
        }
        if (schema.size() == 0) {
            throw new DepotException(ErrorCode.USER, "A segment needs at least one column: " + file);
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            SegmentWriter writer = new SegmentWriter(file, schema, blockRows, indexedColumns, channel);
            writer.writeHeader();
            return writer;
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot create segment[" + file + "]: " + e.getMessage(), e);
        }
    }

    /** The VARCHAR columns: indexed unless a table chooses otherwise, as dictionaries make them cheap. */
    public static Set<Integer> defaultIndexedColumns(TableSchema schema) {
        Set<Integer> columns = new HashSet<>();
        for (int column = 0; column < schema.size(); column++) {
            if (schema.column(column).type().kind() == TypeKind.VARCHAR) {
                columns.add(column);
            }
        }
        return Set.copyOf(columns);
    }

    public Path file() {
        return file;
    }

    public TableSchema schema() {
        return schema;
    }

    /** Rows appended so far. */
    public long rowCount() {
        return rowCount;
    }

    /** Appends every row of the batch; see {@link #append(VectorSchemaRoot, int, int)}. */
    public void append(VectorSchemaRoot batch) {
        append(batch, 0, batch.getRowCount());
    }

    /**
     * Appends rows {@code [fromRow, fromRow + count)} of a batch whose vectors are laid out as
     * {@link ArrowTypes} makes them for this schema, in schema order. The batch stays the caller's.
     */
    public void append(VectorSchemaRoot batch, int fromRow, int count) {
        checkOpen();
        checkLayout(batch);
        if (fromRow < 0 || count < 0 || fromRow + count > batch.getRowCount()) {
            throw new IllegalArgumentException(String.format(
                    "rows [%d, %d) are outside the batch of %d rows", fromRow, fromRow + count, batch.getRowCount()));
        }
        List<FieldVector> vectors = batch.getFieldVectors();
        int next = fromRow;
        int remaining = count;
        while (remaining > 0) {
            int room = blockRows - builders.get(0).rowCount();
            int take = Math.min(room, remaining);
            for (int column = 0; column < builders.size(); column++) {
                builders.get(column).append(vectors.get(column), next, take);
            }
            next += take;
            remaining -= take;
            rowCount += take;
            if (take == room) {
                flushBlock(blockRows);
            }
        }
    }

    /** Min, max and null count of one column: of the whole segment once {@link #finish()}ed. */
    public ZoneMap segmentZoneMap(int column) {
        return columnZoneMaps().get(column);
    }

    /** A copy of the sketch of one column's distinct non-null values: the whole segment's once finished. */
    public HyperLogLog distinctSketch(int column) {
        return builders.get(column).distinctSketch().copy();
    }

    private List<ZoneMap> columnZoneMaps() {
        return SegmentFooter.columnZoneMaps(schema.size(), blocks);
    }

    /** Writes the last partial block and the footer, syncs, and closes the file. */
    public void finish() {
        checkOpen();
        int pending = builders.get(0).rowCount();
        if (pending > 0) {
            flushBlock(pending);
        }
        byte[] footer = FooterCodec.encode(new SegmentFooter(schema, rowCount, blocks, columnZoneMaps()));
        ByteBuffer trailer = ByteBuffer.allocate(SegmentFormat.TRAILER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt(footer.length).putInt(BlockCompression.checksum(footer)).put(SegmentFormat.MAGIC).flip();
        try {
            write(ByteBuffer.wrap(footer));
            write(trailer);
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot write segment[" + file + "]: " + e.getMessage(), e);
        }
        finished = true;
        closed = true;
    }

    /** Closes; an unfinished segment is deleted, since no footer makes it unreadable anyway. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the unfinished segment " + file, e);
        }
    }

    private void writeHeader() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(SegmentFormat.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put(SegmentFormat.MAGIC).putInt(SegmentFormat.versionFor(schema)).flip();
        write(header);
    }

    private void flushBlock(int blockRowCount) {
        List<ColumnBlockInfo> columns = new ArrayList<>(builders.size());
        try {
            for (int column = 0; column < builders.size(); column++) {
                ColumnBlockBuilder builder = builders.get(column);
                builder.recordDistinctValues();
                BlockValues values = builder.values();
                EncodedBlock encoded = builder.encode(values);
                StoredBlock stored = BlockCompression.store(encoded.raw());
                long offset = position;
                write(ByteBuffer.wrap(stored.bytes()));
                ColumnBlockInfo.IndexLocation index = null;
                byte[] rawIndex = indexedColumns.contains(column) ? BitmapIndexWriter.build(builder, values) : null;
                if (rawIndex != null) {
                    StoredBlock storedIndex = BlockCompression.store(rawIndex);
                    index = new ColumnBlockInfo.IndexLocation(position, storedIndex.bytes().length,
                            storedIndex.rawLength(), storedIndex.compressed(), storedIndex.checksum());
                    write(ByteBuffer.wrap(storedIndex.bytes()));
                }
                columns.add(new ColumnBlockInfo(offset, stored.bytes().length, stored.rawLength(), encoded.encoding(),
                        stored.compressed(), stored.checksum(), builder.zoneMap(), index));
                builder.reset();
            }
        } catch (IOException e) {
            throw new DepotException(ErrorCode.RESOURCE, "Cannot write segment[" + file + "]: " + e.getMessage(), e);
        }
        blocks.add(new BlockInfo(blockRowCount, columns));
    }

    private void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            position += channel.write(bytes);
        }
    }

    private void checkLayout(VectorSchemaRoot batch) {
        List<FieldVector> vectors = batch.getFieldVectors();
        if (vectors.size() != schema.size()) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Batch has %d columns, segment[%s] expects %d", vectors.size(), file, schema.size()));
        }
        for (int i = 0; i < vectors.size(); i++) {
            Column column = schema.column(i);
            if (!vectors.get(i).getField().getType().equals(ArrowTypes.arrowType(column.type()))) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Batch column[%s] is %s, expected %s for column[%s] %s",
                        vectors.get(i).getField().getName(), vectors.get(i).getField().getType(),
                        ArrowTypes.arrowType(column.type()), column.name(), column.type()));
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Segment writer for " + file + " is closed");
        }
    }
}
