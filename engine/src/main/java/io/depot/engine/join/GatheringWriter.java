package io.depot.engine.join;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnWriter;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Writes one side's column at a join's output rows into an empty Arrow vector. Numeric columns
 * (the usual keys, measures and dates) are gathered straight into the vector's memory, one read
 * and one write per row, instead of into a gathered copy that is then written out; other types,
 * and rows where the side is missing (index -1, outer-join padding), go through
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
        if (source == null || !isNumeric(type, source) || anyMissing(rows, count)) {
            ColumnWriter.write(PaddedGather.gather(type, source, rows, count), type, vector);
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

    /** Types whose engine form is a long or double per row, written as 4 or 8 bytes. */
    private static boolean isNumeric(ColumnType type, ColumnData source) {
        return switch (type.kind()) {
            case INTEGER, DATE, BIGINT, TIMESTAMP -> source instanceof LongData;
            case DECIMAL -> !type.isWideDecimal() && source instanceof LongData;
            case DOUBLE -> source instanceof DoubleData;
            default -> false;
        };
    }

    private static boolean anyMissing(int[] rows, int count) {
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
