package io.depot.storage.table;

import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.nio.ByteBuffer;

/**
 * The payload of one write-ahead log record: the rows of one statement, column by column
 * (docs/storage-format.md, "Write-ahead log"). Big-endian.
 *
 * <pre>
 * int rowCount, int columnCount
 * per column: byte type (TypeKind ordinal), NULL bitmap of ceil(rowCount / 8) bytes (bit set =
 *   NULL, least significant bit first), then the values of every row (0 or empty when NULL):
 *   BOOLEAN 1 byte, INTEGER and DATE 4, BIGINT, DECIMAL (unscaled), TIMESTAMP and DOUBLE 8;
 *   VARCHAR rowCount int lengths, then the UTF-8 bytes one after another
 * </pre>
 */
final class DeltaCodec {
    private DeltaCodec() {}

    static byte[] encode(DeltaView rows) {
        int rowCount = rows.rowCount();
        int columns = rows.schema().size();
        int size = 8;
        for (int column = 0; column < columns; column++) {
            size += 1 + bitmapBytes(rowCount);
            TypeKind kind = rows.kind(column);
            if (kind == TypeKind.VARCHAR) {
                size += 4 * rowCount + (rows.textStart(column, rowCount) - rows.textStart(column, 0));
            } else {
                size += width(kind) * rowCount;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(rowCount).putInt(columns);
        for (int column = 0; column < columns; column++) {
            TypeKind kind = rows.kind(column);
            out.put((byte) kind.ordinal());
            byte[] bitmap = new byte[bitmapBytes(rowCount)];
            for (int row = 0; row < rowCount; row++) {
                if (rows.isNull(column, row)) {
                    bitmap[row >>> 3] |= (byte) (1 << (row & 7));
                }
            }
            out.put(bitmap);
            if (kind == TypeKind.VARCHAR) {
                for (int row = 0; row < rowCount; row++) {
                    out.putInt(rows.textEnd(column, row) - rows.textStart(column, row));
                }
                int start = rows.textStart(column, 0);
                out.put(rows.textBytes(column), start, rows.textStart(column, rowCount) - start);
                continue;
            }
            for (int row = 0; row < rowCount; row++) {
                long value = rows.fixedValue(column, row);
                switch (width(kind)) {
                    case 1 -> out.put((byte) value);
                    case 4 -> out.putInt((int) value);
                    default -> out.putLong(value);
                }
            }
        }
        return out.array();
    }

    /**
     * Appends the payload's rows to {@code store}.
     *
     * @throws IllegalArgumentException when the payload does not fit the table's schema or its own lengths
     */
    static void decode(ByteBuffer payload, DeltaStore store) {
        TableSchema schema = store.schema();
        int rowCount = payload.getInt();
        int columns = payload.getInt();
        if (rowCount < 0 || columns != schema.size()) {
            throw new IllegalArgumentException("the record holds " + rowCount + " rows of " + columns
                    + " columns, the table has " + schema.size() + " columns");
        }
        // Columns are stored one after another but the store takes rows: find each column's parts first.
        int[] bitmapAt = new int[columns];
        int[] valuesAt = new int[columns];
        int[] textAt = new int[columns];
        for (int column = 0; column < columns; column++) {
            TypeKind kind = schema.column(column).type().kind();
            int type = payload.get();
            if (type != kind.ordinal()) {
                throw new IllegalArgumentException("column " + column + " has type id " + type + ", the table's is "
                        + kind + " (" + kind.ordinal() + ")");
            }
            bitmapAt[column] = payload.position();
            skip(payload, bitmapBytes(rowCount));
            valuesAt[column] = payload.position();
            if (kind == TypeKind.VARCHAR) {
                long total = 0;
                for (int row = 0; row < rowCount; row++) {
                    int length = payload.getInt();
                    if (length < 0) {
                        throw new IllegalArgumentException("column " + column + " has a negative text length");
                    }
                    total += length;
                }
                textAt[column] = payload.position();
                skip(payload, total);
            } else {
                skip(payload, (long) width(kind) * rowCount);
            }
        }
        if (payload.hasRemaining()) {
            throw new IllegalArgumentException(payload.remaining() + " bytes follow the last column");
        }
        for (int row = 0; row < rowCount; row++) {
            for (int column = 0; column < columns; column++) {
                TypeKind kind = schema.column(column).type().kind();
                boolean isNull = (payload.get(bitmapAt[column] + (row >>> 3)) & (1 << (row & 7))) != 0;
                if (kind == TypeKind.VARCHAR) {
                    int length = payload.getInt(valuesAt[column]);
                    valuesAt[column] += 4;
                    store.setText(column, isNull, payload.array(), payload.arrayOffset() + textAt[column], length);
                    textAt[column] += length;
                    continue;
                }
                int at = valuesAt[column];
                long value = switch (width(kind)) {
                    case 1 -> payload.get(at);
                    case 4 -> payload.getInt(at);
                    default -> payload.getLong(at);
                };
                valuesAt[column] = at + width(kind);
                store.setFixed(column, isNull, value);
            }
            store.endRow();
        }
    }

    private static void skip(ByteBuffer payload, long bytes) {
        if (bytes > payload.remaining()) {
            throw new IllegalArgumentException("a column runs past the end of the record");
        }
        payload.position(payload.position() + (int) bytes);
    }

    private static int bitmapBytes(int rows) {
        return (rows + 7) >>> 3;
    }

    private static int width(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN -> 1;
            case INTEGER, DATE -> 4;
            case BIGINT, DECIMAL, TIMESTAMP, DOUBLE -> 8;
            case VARCHAR -> throw new IllegalArgumentException("VARCHAR has no fixed width");
        };
    }
}
