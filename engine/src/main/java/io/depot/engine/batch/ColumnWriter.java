package io.depot.engine.batch;

import io.depot.storage.type.ColumnType;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/** Packs {@link ColumnData} into an empty Arrow vector of the matching type (see {@code ArrowTypes}). */
public final class ColumnWriter {
    private ColumnWriter() {}

    /** Fills {@code vector}, which must be empty, with all rows of {@code data}. */
    public static void write(ColumnData data, ColumnType type, FieldVector vector) {
        int size = data.size();
        switch (type.kind()) {
            case BOOLEAN -> {
                BitVector target = (BitVector) vector;
                target.allocateNew(size);
                boolean[] values = ((BooleanData) data).values();
                for (int i = 0; i < size; i++) {
                    target.set(i, values[i] ? 1 : 0);
                }
            }
            case INTEGER -> {
                IntVector target = (IntVector) vector;
                target.allocateNew(size);
                long[] values = ((LongData) data).values();
                for (int i = 0; i < size; i++) {
                    target.set(i, (int) values[i]);
                }
            }
            case DATE -> {
                DateDayVector target = (DateDayVector) vector;
                target.allocateNew(size);
                long[] values = ((LongData) data).values();
                for (int i = 0; i < size; i++) {
                    target.set(i, (int) values[i]);
                }
            }
            case BIGINT, DECIMAL -> {
                BigIntVector target = (BigIntVector) vector;
                target.allocateNew(size);
                long[] values = ((LongData) data).values();
                for (int i = 0; i < size; i++) {
                    target.set(i, values[i]);
                }
            }
            case TIMESTAMP -> {
                TimeStampMicroVector target = (TimeStampMicroVector) vector;
                target.allocateNew(size);
                long[] values = ((LongData) data).values();
                for (int i = 0; i < size; i++) {
                    target.set(i, values[i]);
                }
            }
            case DOUBLE -> {
                Float8Vector target = (Float8Vector) vector;
                target.allocateNew(size);
                double[] values = ((DoubleData) data).values();
                for (int i = 0; i < size; i++) {
                    target.set(i, values[i]);
                }
            }
            case VARCHAR -> {
                VarCharVector target = (VarCharVector) vector;
                StringData strings = (StringData) data;
                long byteCount = strings.offsets()[size] - strings.offsets()[0];
                target.allocateNew(Math.max(1, byteCount), size);
                for (int i = 0; i < size; i++) {
                    target.set(i, strings.bytes(), strings.start(i), strings.length(i));
                }
            }
        }
        boolean[] nulls = data.nulls();
        if (nulls != null) {
            for (int i = 0; i < size; i++) {
                if (nulls[i]) {
                    vector.setNull(i);
                }
            }
        }
        vector.setValueCount(size);
    }
}
