package io.depot.storage.segment;

import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Arrow's own layout: the values buffer (bits, int32, int64 or float64 values), or for VARCHAR
 * {@code rows + 1} int32 offsets followed by the UTF-8 bytes. Decoding is bulk copies plus an
 * offsets check. The fallback for every type.
 */
final class PlainEncoding implements BlockEncoding {
    @Override
    public long estimateSize(BlockValues values) {
        if (values instanceof FixedWidthValues fixed) {
            return fixed.type().plainLength(fixed.rowCount());
        }
        VarCharValues text = (VarCharValues) values;
        return (long) (text.rowCount() + 1) * Integer.BYTES + text.dataLength();
    }

    @Override
    public void encode(BlockValues values, LittleEndianOutput output) {
        if (values instanceof FixedWidthValues fixed) {
            encodeFixed(fixed, output);
            return;
        }
        VarCharValues text = (VarCharValues) values;
        int[] offsets = text.offsets();
        for (int i = 0; i <= text.rowCount(); i++) {
            output.writeInt(offsets[i]);
        }
        output.writeRaw(text.data(), 0, text.dataLength());
    }

    private static void encodeFixed(FixedWidthValues fixed, LittleEndianOutput output) {
        long[] values = fixed.values();
        int rows = fixed.rowCount();
        switch (fixed.type()) {
            case BIT -> {
                for (int base = 0; base < rows; base += 8) {
                    int bits = 0;
                    for (int bit = 0; bit < 8 && base + bit < rows; bit++) {
                        bits |= (int) (values[base + bit] & 1) << bit;
                    }
                    output.writeByte(bits);
                }
            }
            case INT32 -> {
                for (int i = 0; i < rows; i++) {
                    output.writeInt((int) values[i]);
                }
            }
            case INT64, FLOAT64, INT128 -> {
                for (int i = 0; i < rows * fixed.type().longsPerValue(); i++) {
                    output.writeLong(values[i]);
                }
            }
        }
    }

    @Override
    public void decode(ByteBuffer payload, int rows, ColumnType type, FieldVector vector, BlockLocation location) {
        if (type.kind() == TypeKind.VARCHAR) {
            decodeVarChar(payload, rows, (BaseVariableWidthVector) vector, location);
            return;
        }
        int length = PhysicalType.of(type).plainLength(rows);
        if (payload.remaining() != length) {
            throw location.corruption("holds " + payload.remaining() + " value bytes where " + length
                    + " were expected");
        }
        ((BaseFixedWidthVector) vector).allocateNew(rows);
        copy(payload, length, vector.getDataBuffer());
    }

    private static void decodeVarChar(ByteBuffer payload, int rows, BaseVariableWidthVector vector,
            BlockLocation location) {
        long offsetsLength = (long) (rows + 1) * Integer.BYTES;
        if (payload.remaining() < offsetsLength) {
            throw location.corruption("has " + payload.remaining() + " value bytes, too few for " + rows + " offsets");
        }
        int dataLength = (int) (payload.remaining() - offsetsLength);
        vector.allocateNew(Math.max(dataLength, 1), rows);
        copy(payload, (int) offsetsLength, vector.getOffsetBuffer());
        copy(payload, dataLength, vector.getDataBuffer());
        String problem = PlainDecoder.checkOffsets(vector.getOffsetBuffer(), rows, dataLength);
        if (problem != null) {
            throw location.corruption(problem);
        }
    }

    /** Moves {@code length} bytes from the payload's position to the start of the buffer. */
    private static void copy(ByteBuffer payload, int length, ArrowBuf target) {
        ByteBuffer slice = payload.slice(payload.position(), length);
        target.setBytes(0, slice);
        payload.position(payload.position() + length);
    }
}
