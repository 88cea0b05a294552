package io.depot.engine.join;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnWriter;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes one side's column at a join's output rows into an empty Arrow vector. Numeric and
 * string columns are gathered straight into the vector's memory, one read and one write per row
 * (or string), instead of into a gathered copy that is then written out again; other types, and
 * rows where the side is missing (index -1, outer-join padding), go through
 * {@link PaddedGather} and {@link ColumnWriter}.
 */
public final class GatheringWriter {
    private GatheringWriter() {}

    /**
     * Fills {@code vector} (empty, of {@code type}) with rows {@code rows[0..count)} of
     * {@code source}, NULL where the index is -1.
     *
     * @param source the side's column, or null when the side has no rows to offer
     */
    public static void write(ColumnType type, ColumnData source, int[] rows, int count, FieldVector vector) {
        if (source == null || !(isNumeric(type, source) || isString(type, source)) || anyMissing(rows, count)) {
            ColumnWriter.write(PaddedGather.gather(type, source, rows, count), type, vector);
            return;
        }
        if (source instanceof StringData strings) {
            writeStrings(strings, rows, count, (VarCharVector) vector);
            setValidity(vector.getValidityBuffer(), source.nulls(), rows, count);
            vector.setValueCount(count);
            return;
        }
        BaseFixedWidthVector target = (BaseFixedWidthVector) vector;
        target.allocateNew(count);
        long address = target.getDataBuffer().memoryAddress();
        int size = source.size();
        if (source instanceof DoubleData doubles) {
            double[] values = doubles.values();
            for (int i = 0; i < count; i++) {
                double value = values[Objects.checkIndex(rows[i], size)];
                MemoryUtil.putLong(address + 8L * i, Double.doubleToRawLongBits(value));
            }
        } else if (type.kind() == TypeKind.INTEGER || type.kind() == TypeKind.DATE) {
            long[] values = ((LongData) source).values();
            for (int i = 0; i < count; i++) {
                MemoryUtil.putInt(address + 4L * i, (int) values[Objects.checkIndex(rows[i], size)]);
            }
        } else {
            long[] values = ((LongData) source).values();
            for (int i = 0; i < count; i++) {
                MemoryUtil.putLong(address + 8L * i, values[Objects.checkIndex(rows[i], size)]);
            }
        }
        setValidity(target.getValidityBuffer(), source.nulls(), rows, count);
        target.setValueCount(count);
    }

    /**
     * Fills {@code vector} (empty, of {@code type}) with positions {@code positions[0..count)} of
     * the vector {@code source} (same type), copied vector to vector: fixed-width values of 4 or 8
     * bytes and strings, with their validity. Returns false, writing nothing, for the other types.
     */
    public static boolean copy(ColumnType type, FieldVector source, int[] positions, int count, FieldVector vector) {
        int width = switch (type.kind()) {
            case INTEGER, DATE -> Integer.BYTES;
            case BIGINT, TIMESTAMP, DOUBLE -> Long.BYTES;
            case DECIMAL -> type.isWideDecimal() ? 0 : Long.BYTES;
            case VARCHAR -> -1;
            default -> 0;
        };
        if (width == 0) {
            return false;
        }
        int valueCount = source.getValueCount();
        for (int i = 0; i < count; i++) {
            Objects.checkIndex(positions[i], valueCount);
        }
        if (width < 0) {
            copyStrings((VarCharVector) source, positions, count, (VarCharVector) vector);
        } else {
            BaseFixedWidthVector target = (BaseFixedWidthVector) vector;
            target.allocateNew(count);
            long from = source.getDataBuffer().memoryAddress();
            long to = target.getDataBuffer().memoryAddress();
            if (width == Integer.BYTES) {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putInt(to + 4L * i, MemoryUtil.getInt(from + 4L * positions[i]));
                }
            } else {
                for (int i = 0; i < count; i++) {
                    MemoryUtil.putLong(to + 8L * i, MemoryUtil.getLong(from + 8L * positions[i]));
                }
            }
        }
        copyValidity(source, positions, count, vector.getValidityBuffer());
        vector.setValueCount(count);
        return true;
    }

    /** Strings at the (checked) positions: offsets first, then each one's bytes memory to memory. */
    private static void copyStrings(VarCharVector source, int[] positions, int count, VarCharVector target) {
        long fromOffsets = source.getOffsetBuffer().memoryAddress();
        long total = 0;
        for (int i = 0; i < count; i++) {
            long offset = fromOffsets + 4L * positions[i];
            total += MemoryUtil.getInt(offset + Integer.BYTES) - MemoryUtil.getInt(offset);
        }
        // the offsets (ascending) must lie within the source's bytes, or the copies below would read outside them
        int last = source.getValueCount() == 0 ? 0 : MemoryUtil.getInt(fromOffsets + 4L * source.getValueCount());
        if (last > source.getDataBuffer().capacity() || total < 0) {
            throw new IllegalStateException("string offsets up to " + last + " lie outside the vector's "
                    + source.getDataBuffer().capacity() + " bytes");
        }
        target.allocateNew(Math.max(1, Math.toIntExact(total)), count);
        long fromData = source.getDataBuffer().memoryAddress();
        long toOffsets = target.getOffsetBuffer().memoryAddress();
        long toData = target.getDataBuffer().memoryAddress();
        int end = 0;
        MemoryUtil.putInt(toOffsets, 0);
        for (int i = 0; i < count; i++) {
            long offset = fromOffsets + 4L * positions[i];
            int start = MemoryUtil.getInt(offset);
            int length = MemoryUtil.getInt(offset + Integer.BYTES) - start;
            MemoryUtil.copyMemory(fromData + start, toData + end, length);
            end += length;
            MemoryUtil.putInt(toOffsets + 4L * (i + 1), end);
        }
        target.setLastSet(count - 1);
    }

    /** The source's validity bits at the positions; all set when the source has no NULLs. */
    private static void copyValidity(FieldVector source, int[] positions, int count, ArrowBuf validity) {
        if (source.getNullCount() == 0) {
            setValidity(validity, null, null, count);
            return;
        }
        ArrowBuf sourceValidity = source.getValidityBuffer();
        for (int i = 0; i < count; i++) {
            if (BitVectorHelper.get(sourceValidity, positions[i]) != 0) {
                BitVectorHelper.setBit(validity, i);
            }
        }
    }

    /** Types whose engine form is a long or double per row, written as 4 or 8 bytes. */
    private static boolean isNumeric(ColumnType type, ColumnData source) {
        return switch (type.kind()) {
            case INTEGER, DATE, BIGINT, TIMESTAMP -> source instanceof LongData;
            case DECIMAL -> !type.isWideDecimal() && source instanceof LongData;
            case DOUBLE -> source instanceof DoubleData;
            default -> false;
        };
    }

    private static boolean isString(ColumnType type, ColumnData source) {
        return type.kind() == TypeKind.VARCHAR && source instanceof StringData;
    }

    /** The rows' strings: their offsets, then each one's bytes copied straight into the vector's memory. */
    private static void writeStrings(StringData strings, int[] rows, int count, VarCharVector target) {
        int[] offsets = strings.offsets();
        byte[] bytes = strings.bytes();
        int size = strings.size();
        long total = 0;
        for (int i = 0; i < count; i++) {
            int row = Objects.checkIndex(rows[i], size);
            total += offsets[row + 1] - offsets[row];
        }
        target.allocateNew(Math.max(1, Math.toIntExact(total)), count);
        long offsetAddress = target.getOffsetBuffer().memoryAddress();
        long dataAddress = target.getDataBuffer().memoryAddress();
        int end = 0;
        MemoryUtil.putInt(offsetAddress, 0);
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            int start = offsets[row];
            int length = offsets[row + 1] - start;
            MemoryUtil.copyToMemory(bytes, start, dataAddress + end, length);
            end += length;
            MemoryUtil.putInt(offsetAddress + 4L * (i + 1), end);
        }
        // Every offset is written: keep setValueCount from treating rows as unset holes.
        target.setLastSet(count - 1);
    }

    /** Whether some of {@code rows[0..count)} is -1, a missing row. */
    public static boolean anyMissing(int[] rows, int count) {
        boolean missing = false;
        for (int i = 0; i < count; i++) {
            missing |= rows[i] < 0;
        }
        return missing;
    }

    /** Marks every row valid but those whose source row is NULL (the buffer starts all zero: all NULL). */
    private static void setValidity(ArrowBuf validity, boolean[] nulls, int[] rows, int count) {
        int fullBytes = count / 8;
        validity.setOne(0L, (long) fullBytes);
        for (int i = fullBytes * 8; i < count; i++) {
            BitVectorHelper.setBit(validity, i);
        }
        if (nulls != null) {
            for (int i = 0; i < count; i++) {
                if (nulls[rows[i]]) {
                    BitVectorHelper.unsetBit(validity, i);
                }
            }
        }
    }
}
