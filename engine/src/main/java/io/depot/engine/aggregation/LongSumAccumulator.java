package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.expression.Decimals;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * SUM or AVG of INTEGER, BIGINT or DECIMAL input, summing exactly in 64 bits (overflow is a user
 * error). SUM keeps the input scale (rescaled to the result's); AVG gives a DOUBLE, or a DECIMAL
 * of the result's scale rounded half-up.
 */
final class LongSumAccumulator implements Accumulator {
    private final int inputScale;
    private final ColumnType resultType;
    private final boolean averaging;
    private long[] sums = new long[0];
    private long[] counts = new long[0];

    LongSumAccumulator(int inputScale, ColumnType resultType, boolean averaging) {
        this.inputScale = inputScale;
        this.resultType = resultType;
        this.averaging = averaging;
    }

    @Override
    public void ensureCapacity(int groupCount) {
        if (groupCount > sums.length) {
            int capacity = Accumulator.grownCapacity(sums.length, groupCount);
            sums = Arrays.copyOf(sums, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        ensureCapacity(groupCount);
        long[] values = ((LongData) input).values();
        boolean[] nulls = input.nulls();
        try {
            for (int i = 0; i < size; i++) {
                if (nulls == null || !nulls[i]) {
                    int group = groupIds[i];
                    sums[group] = Math.addExact(sums[group], values[i]);
                    counts[group]++;
                }
            }
        } catch (ArithmeticException e) {
            throw new DepotException(ErrorCode.USER, "numeric overflow");
        }
    }

    @Override
    public ColumnData result(int from, int count) {
        boolean[] nulls = new boolean[count];
        for (int i = 0; i < count; i++) {
            nulls[i] = counts[from + i] == 0;
        }
        if (resultType.kind() == TypeKind.DOUBLE) {
            double[] values = new double[count];
            double scale = Decimals.powerOfTen(inputScale);
            for (int i = 0; i < count; i++) {
                long rows = averaging ? Math.max(1, counts[from + i]) : 1;
                values[i] = sums[from + i] / scale / rows;
            }
            return new DoubleData(values, nulls, count);
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            if (nulls[i]) {
                continue;
            }
            long sum = sums[from + i];
            values[i] = averaging
                    ? Decimals.average(sum, inputScale, counts[from + i], resultType.scale())
                    : Decimals.rescale(sum, inputScale, resultType.scale());
            if (resultType.kind() == TypeKind.INTEGER && values[i] != (int) values[i]) {
                throw new DepotException(ErrorCode.USER, "numeric overflow");
            }
        }
        return new LongData(values, nulls, count);
    }

    @Override
    public long estimatedBytes() {
        return 16L * sums.length;
    }
}
