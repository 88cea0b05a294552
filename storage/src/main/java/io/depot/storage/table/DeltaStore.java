package io.depot.storage.table;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.util.Arrays;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rows of a table's write-ahead log (or of a small write not yet logged), column by column in
 * growable primitive arrays. Append-only: rows below a {@link DeltaView}'s count never change, and
 * growing copies the arrays, so views taken earlier keep reading theirs without locks.
 *
 * <p>Every fixed-width type is kept as a long (BOOLEAN 0/1, INTEGER and DATE widened, DOUBLE as
 * its raw IEEE-754 bits); VARCHAR as UTF-8 bytes with offsets. NULL rows hold 0 (or no bytes).
 */
final class DeltaStore {
    private final TableSchema schema;
    private final TypeKind[] kinds;
    private long[][] values;
    private boolean[][] nulls;
    private int[][] offsets;
    private byte[][] bytes;
    private int rowCount;

    DeltaStore(TableSchema schema) {
        this.schema = requireNonNull(schema, "schema is null");
        int columns = schema.size();
        this.kinds = new TypeKind[columns];
        this.values = new long[columns][];
        this.nulls = new boolean[columns][];
        this.offsets = new int[columns][];
        this.bytes = new byte[columns][];
        for (int column = 0; column < columns; column++) {
            kinds[column] = schema.column(column).type().kind();
            nulls[column] = new boolean[16];
            if (kinds[column] == TypeKind.VARCHAR) {
                offsets[column] = new int[17];
                bytes[column] = new byte[64];
            } else {
                values[column] = new long[16];
            }
        }
    }

    TableSchema schema() {
        return schema;
    }

    synchronized int rowCount() {
        return rowCount;
    }

    /** The rows appended so far; later appends do not change it. */
    synchronized DeltaView view() {
        return new DeltaView(schema, kinds, values.clone(), nulls.clone(), offsets.clone(), bytes.clone(), rowCount);
    }

    /** Appends rows {@code [from, from + count)} of a batch whose vectors match the schema. */
    synchronized void append(VectorSchemaRoot batch, int from, int count) {
        reserve(count);
        for (int column = 0; column < kinds.length; column++) {
            FieldVector vector = batch.getVector(column);
            boolean[] columnNulls = nulls[column];
            for (int row = 0; row < count; row++) {
                columnNulls[rowCount + row] = vector.isNull(from + row);
            }
            if (kinds[column] == TypeKind.VARCHAR) {
                appendText((VarCharVector) vector, column, from, count);
            } else {
                appendFixed(vector, column, from, count);
            }
        }
        rowCount += count;
    }

    private void appendFixed(FieldVector vector, int column, int from, int count) {
        long[] target = values[column];
        boolean[] columnNulls = nulls[column];
        int at = rowCount;
        for (int row = 0; row < count; row++) {
            if (columnNulls[at + row]) {
                target[at + row] = 0;
                continue;
            }
            int source = from + row;
            target[at + row] = switch (kinds[column]) {
                case BOOLEAN -> ((BitVector) vector).get(source);
                case INTEGER -> ((IntVector) vector).get(source);
                case DATE -> ((DateDayVector) vector).get(source);
                case BIGINT, DECIMAL -> ((BigIntVector) vector).get(source);
                case TIMESTAMP -> ((TimeStampMicroVector) vector).get(source);
                case DOUBLE -> Double.doubleToRawLongBits(((Float8Vector) vector).get(source));
                case VARCHAR -> throw new IllegalStateException("VARCHAR is not fixed-width");
            };
        }
    }

    private void appendText(VarCharVector vector, int column, int from, int count) {
        int[] columnOffsets = offsets[column];
        boolean[] columnNulls = nulls[column];
        for (int row = 0; row < count; row++) {
            int at = rowCount + row;
            int start = columnOffsets[at];
            if (columnNulls[at]) {
                columnOffsets[at + 1] = start;
                continue;
            }
            int sourceStart = vector.getStartOffset(from + row);
            int length = vector.getEndOffset(from + row) - sourceStart;
            byte[] target = reserveBytes(column, start, length);
            vector.getDataBuffer().getBytes(sourceStart, target, start, length);
            columnOffsets[at + 1] = start + length;
        }
    }

    /** Appends one row's fixed-width value; the caller appends every column of the row, then {@link #endRow}. */
    void setFixed(int column, boolean isNull, long value) {
        reserve(1);
        nulls[column][rowCount] = isNull;
        values[column][rowCount] = isNull ? 0 : value;
    }

    /** Appends one row's text value, {@code length} bytes of {@code source} from {@code start}. */
    void setText(int column, boolean isNull, byte[] source, int start, int length) {
        reserve(1);
        nulls[column][rowCount] = isNull;
        int at = offsets[column][rowCount];
        if (isNull) {
            offsets[column][rowCount + 1] = at;
            return;
        }
        byte[] target = reserveBytes(column, at, length);
        System.arraycopy(source, start, target, at, length);
        offsets[column][rowCount + 1] = at + length;
    }

    /** Ends a row made with {@link #setFixed} and {@link #setText}. */
    synchronized void endRow() {
        rowCount++;
    }

    /** Makes room for {@code more} rows; copies grow the arrays so earlier views keep theirs. */
    private void reserve(int more) {
        int needed = rowCount + more;
        for (int column = 0; column < kinds.length; column++) {
            if (nulls[column].length >= needed) {
                continue;
            }
            int capacity = Math.max(needed, nulls[column].length * 2);
            nulls[column] = Arrays.copyOf(nulls[column], capacity);
            if (kinds[column] == TypeKind.VARCHAR) {
                offsets[column] = Arrays.copyOf(offsets[column], capacity + 1);
            } else {
                values[column] = Arrays.copyOf(values[column], capacity);
            }
        }
    }

    private byte[] reserveBytes(int column, int used, int more) {
        byte[] current = bytes[column];
        if (used + more > current.length) {
            bytes[column] = Arrays.copyOf(current, Math.max(used + more, current.length * 2));
        }
        return bytes[column];
    }
}
