package io.depot.storage.segment;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.Int128;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads the footer of a segment. Zone map bounds are stored in their physical form
 * (the value an Arrow vector holds) and handed out in their Java literal form.
 */
final class FooterCodec {
    private FooterCodec() {}

    static byte[] encode(SegmentFooter footer) {
        LittleEndianOutput output = new LittleEndianOutput();
        TableSchema schema = footer.schema();
        output.writeInt(schema.size());
        for (Column column : schema.columns()) {
            output.writeString(column.name());
            output.writeString(column.type().toString());
            output.writeByte(column.nullable() ? 1 : 0);
        }
        output.writeLong(footer.rowCount());
        output.writeInt(footer.blocks().size());
        for (BlockInfo block : footer.blocks()) {
            output.writeInt(block.rowCount());
            for (int column = 0; column < schema.size(); column++) {
                ColumnBlockInfo info = block.columns().get(column);
                output.writeLong(info.offset());
                output.writeInt(info.storedLength());
                output.writeInt(info.rawLength());
                output.writeByte(info.encoding().id());
                output.writeByte(info.compressed() ? 1 : 0);
                output.writeInt(info.checksum());
                writeZoneMap(output, schema.column(column).type(), info.zoneMap());
                writeIndexLocation(output, info.index());
            }
        }
        for (int column = 0; column < schema.size(); column++) {
            writeZoneMap(output, schema.column(column).type(), footer.columnZoneMaps().get(column));
        }
        return output.toByteArray();
    }

    private static void writeIndexLocation(LittleEndianOutput output, ColumnBlockInfo.IndexLocation index) {
        output.writeByte(index == null ? 0 : 1);
        if (index != null) {
            output.writeLong(index.offset());
            output.writeInt(index.storedLength());
            output.writeInt(index.rawLength());
            output.writeByte(index.compressed() ? 1 : 0);
            output.writeInt(index.checksum());
        }
    }

    private static ColumnBlockInfo.IndexLocation readIndexLocation(ByteBuffer input, Column column, int block,
            Path file) {
        byte indexed = input.get();
        if (indexed == 0) {
            return null;
        }
        long offset = input.getLong();
        int storedLength = input.getInt();
        int rawLength = input.getInt();
        boolean compressed = input.get() != 0;
        int checksum = input.getInt();
        if (indexed != 1 || storedLength <= 0 || rawLength <= 0 || offset < SegmentFormat.HEADER_LENGTH
                || (!compressed && storedLength != rawLength)) {
            throw new DepotException(ErrorCode.CORRUPTION, String.format(
                    "Segment[%s] column[%s] block[%d] has an impossible bitmap index location",
                    file, column.name(), block));
        }
        return new ColumnBlockInfo.IndexLocation(offset, storedLength, rawLength, compressed, checksum);
    }

    private static void writeZoneMap(LittleEndianOutput output, ColumnType type, ZoneMap zoneMap) {
        output.writeLong(zoneMap.nullCount());
        boolean hasBounds = zoneMap.min() != null;
        output.writeByte(hasBounds ? 1 : 0);
        if (hasBounds) {
            writeBound(output, type, zoneMap.min());
            writeBound(output, type, zoneMap.max());
        }
    }

    private static ZoneMap readZoneMap(ByteBuffer input, ColumnType type, Path file) {
        long nullCount = input.getLong();
        boolean hasBounds = input.get() != 0;
        Object min = hasBounds ? readBound(input, type, file) : null;
        Object max = hasBounds ? readBound(input, type, file) : null;
        return new ZoneMap(min, max, nullCount);
    }

    /** Parses a footer whose CRC has already been checked; damage still ends in CORRUPTION. */
    static SegmentFooter decode(ByteBuffer bytes, Path file, int formatVersion) {
        boolean hasIndexes = formatVersion >= SegmentFormat.FORMAT_VERSION;
        ByteBuffer input = bytes.order(ByteOrder.LITTLE_ENDIAN);
        try {
            int columnCount = input.getInt();
            checkCount(columnCount, input.remaining(), file, "column count");
            List<Column> columns = new ArrayList<>(columnCount);
            for (int i = 0; i < columnCount; i++) {
                String name = readString(input, file);
                ColumnType type = ColumnType.parse(readString(input, file));
                boolean nullable = input.get() != 0;
                columns.add(new Column(name, type, nullable));
            }
            TableSchema schema = new TableSchema(columns);
            long rowCount = input.getLong();
            int blockCount = input.getInt();
            checkCount(blockCount, input.remaining(), file, "block count");
            List<BlockInfo> blocks = new ArrayList<>(blockCount);
            long blockRowTotal = 0;
            for (int block = 0; block < blockCount; block++) {
                int blockRows = input.getInt();
                if (blockRows <= 0) {
                    throw corrupt(file, "has block[" + block + "] with an impossible row count[" + blockRows + "]");
                }
                blockRowTotal += blockRows;
                List<ColumnBlockInfo> infos = new ArrayList<>(columnCount);
                for (int column = 0; column < columnCount; column++) {
                    infos.add(readColumnBlock(input, schema.column(column), block, blockRows, file, hasIndexes));
                }
                blocks.add(new BlockInfo(blockRows, infos));
            }
            if (blockRowTotal != rowCount) {
                throw corrupt(file, "has blocks of " + blockRowTotal + " rows but a row count of " + rowCount);
            }
            List<ZoneMap> expected = SegmentFooter.columnZoneMaps(columnCount, blocks);
            List<ZoneMap> columnZoneMaps = new ArrayList<>(columnCount);
            for (int column = 0; column < columnCount; column++) {
                ZoneMap zoneMap = readZoneMap(input, schema.column(column).type(), file);
                if (!zoneMap.equals(expected.get(column))) {
                    throw corrupt(file, "has a zone map for column[" + schema.column(column).name()
                            + "] that disagrees with its blocks");
                }
                columnZoneMaps.add(zoneMap);
            }
            if (input.hasRemaining()) {
                throw corrupt(file, "has " + input.remaining() + " unread bytes at the end of its footer");
            }
            return new SegmentFooter(schema, rowCount, blocks, columnZoneMaps);
        } catch (BufferUnderflowException e) {
            throw corrupt(file, "has a truncated footer");
        } catch (DepotException e) {
            if (e.code() == ErrorCode.CORRUPTION) {
                throw e;
            }
            throw new DepotException(ErrorCode.CORRUPTION,
                    "Segment[" + file + "] has an unreadable footer: " + e.getMessage(), e);
        }
    }

    private static ColumnBlockInfo readColumnBlock(ByteBuffer input, Column column, int block, int blockRows,
            Path file, boolean hasIndexes) {
        long offset = input.getLong();
        int storedLength = input.getInt();
        int rawLength = input.getInt();
        byte encodingId = input.get();
        Encoding encoding = Encoding.forId(encodingId).orElseThrow(() -> new DepotException(ErrorCode.CORRUPTION,
                String.format("Segment[%s] column[%s] block[%d] has unknown encoding id[%d]",
                        file, column.name(), block, encodingId)));
        boolean compressed = input.get() != 0;
        int checksum = input.getInt();
        ZoneMap zoneMap = readZoneMap(input, column.type(), file);
        long nullCount = zoneMap.nullCount();
        if (nullCount < 0 || nullCount > blockRows || (zoneMap.min() != null) == (nullCount == blockRows)) {
            throw new DepotException(ErrorCode.CORRUPTION, String.format(
                    "Segment[%s] column[%s] block[%d] has an impossible NULL count[%d] for %d rows",
                    file, column.name(), block, nullCount, blockRows));
        }
        if (storedLength < 0 || rawLength < 0 || offset < SegmentFormat.HEADER_LENGTH) {
            throw new DepotException(ErrorCode.CORRUPTION, String.format(
                    "Segment[%s] column[%s] block[%d] has an impossible location", file, column.name(), block));
        }
        ColumnBlockInfo.IndexLocation index = hasIndexes ? readIndexLocation(input, column, block, file) : null;
        return new ColumnBlockInfo(offset, storedLength, rawLength, encoding, compressed, checksum, zoneMap, index);
    }

    private static void writeBound(LittleEndianOutput output, ColumnType type, Object value) {
        switch (type.kind()) {
            case BOOLEAN -> output.writeByte((Boolean) value ? 1 : 0);
            case INTEGER -> output.writeInt((Integer) value);
            case BIGINT -> output.writeLong((Long) value);
            case DECIMAL -> {
                if (type.isWideDecimal()) {
                    BigInteger unscaled = ((BigDecimal) value).setScale(type.scale()).unscaledValue();
                    output.writeLong(Int128.low(unscaled));
                    output.writeLong(Int128.high(unscaled));
                } else {
                    output.writeLong(ArrowValues.unscaled((BigDecimal) value, type));
                }
            }
            case DOUBLE -> output.writeDouble((Double) value);
            case DATE -> output.writeInt(Math.toIntExact(((LocalDate) value).toEpochDay()));
            case TIMESTAMP -> output.writeLong(ArrowValues.timestampToMicros((LocalDateTime) value));
            case VARCHAR -> output.writeString((String) value);
        }
    }

    private static Object readBound(ByteBuffer input, ColumnType type, Path file) {
        return switch (type.kind()) {
            case BOOLEAN -> input.get() != 0;
            case INTEGER -> input.getInt();
            case BIGINT -> input.getLong();
            case DECIMAL -> {
                if (type.isWideDecimal()) {
                    long low = input.getLong();
                    yield Int128.toBigDecimal(input.getLong(), low, type.scale());
                }
                yield BigDecimal.valueOf(input.getLong(), type.scale());
            }
            case DOUBLE -> input.getDouble();
            case DATE -> LocalDate.ofEpochDay(input.getInt());
            case TIMESTAMP -> ArrowValues.timestampFromMicros(input.getLong());
            case VARCHAR -> readString(input, file);
        };
    }

    private static String readString(ByteBuffer input, Path file) {
        int length = input.getInt();
        checkCount(length, input.remaining(), file, "string length");
        byte[] bytes = new byte[length];
        input.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Counts read from disk must fit in what is left, so damage cannot make us allocate wildly. */
    private static void checkCount(int count, int remaining, Path file, String what) {
        if (count < 0 || count > remaining) {
            throw corrupt(file, "has an impossible " + what + "[" + count + "] in its footer");
        }
    }

    private static DepotException corrupt(Path file, String problem) {
        return new DepotException(ErrorCode.CORRUPTION, "Segment[" + file + "] " + problem);
    }
}
