package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.batch.WideDecimals;
import io.depot.engine.plan.AggregateFunction;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.Int128;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * VAR_POP, VAR_SAMP, STDDEV_POP and STDDEV_SAMP of numeric input, in doubles with Welford's
 * update (count, mean, sum of squared deviations), which avoids the cancellation of the
 * sum-of-squares formula. The result is DOUBLE, or a DECIMAL of the result's scale rounded half up.
 * Wide (128-bit) decimal inputs are read as doubles too: a variance is an approximation anyway.
 */
final class VarianceAccumulator implements Accumulator {
    private final AggregateFunction function;
    private final double inputUnit;
    private final ColumnType resultType;
    private long[] counts = new long[0];
    private double[] means = new double[0];
    private double[] squaredDeviations = new double[0];

    VarianceAccumulator(AggregateFunction function, ColumnType inputType, ColumnType resultType) {
        this.function = function;
        this.inputUnit = inputType.kind() == TypeKind.DECIMAL ? Math.pow(10, -inputType.scale()) : 1;
        this.resultType = resultType;
    }

    @Override
    public void ensureCapacity(int groupCount) {
        if (groupCount > counts.length) {
            int capacity = Accumulator.grownCapacity(counts.length, groupCount);
            counts = Arrays.copyOf(counts, capacity);
            means = Arrays.copyOf(means, capacity);
            squaredDeviations = Arrays.copyOf(squaredDeviations, capacity);
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        ensureCapacity(groupCount);
        boolean[] nulls = input.nulls();
        if (input instanceof DoubleData doubles) {
            double[] values = doubles.values();
            for (int i = 0; i < size; i++) {
                if (nulls == null || !nulls[i]) {
                    update(groupIds[i], values[i]);
                }
            }
        } else if (input instanceof StringData keys) {
            // A wide DECIMAL: the 128-bit value as a double, like the longs below.
            for (int i = 0; i < size; i++) {
                if (nulls == null || !nulls[i]) {
                    update(groupIds[i], WideDecimals.toDouble(keys, i) * inputUnit);
                }
            }
        } else {
            long[] values = ((LongData) input).values();
            for (int i = 0; i < size; i++) {
                if (nulls == null || !nulls[i]) {
                    update(groupIds[i], values[i] * inputUnit);
                }
            }
        }
    }

    private void update(int group, double value) {
        long count = ++counts[group];
        double delta = value - means[group];
        means[group] += delta / count;
        squaredDeviations[group] += delta * (value - means[group]);
    }

    /** Chan et al.'s pairwise update: the same count, mean and squared deviations as one pass over both inputs. */
    @Override
    public void merge(Accumulator other, int[] groupMapping, int groupCount) {
        ensureCapacity(groupCount);
        VarianceAccumulator partial = (VarianceAccumulator) other;
        for (int group = 0; group < groupMapping.length; group++) {
            int target = groupMapping[group];
            long partialCount = partial.counts[group];
            if (target < 0 || partialCount == 0) {
                continue;
            }
            long count = counts[target];
            long total = count + partialCount;
            double delta = partial.means[group] - means[target];
            means[target] += delta * partialCount / total;
            squaredDeviations[target] += partial.squaredDeviations[group]
                    + delta * delta * ((double) count * partialCount / total);
            counts[target] = total;
        }
    }

    @Override
    public ColumnData result(int from, int count) {
        boolean sample = function == AggregateFunction.VAR_SAMP || function == AggregateFunction.STDDEV_SAMP;
        boolean root = function == AggregateFunction.STDDEV_POP || function == AggregateFunction.STDDEV_SAMP;
        boolean[] nulls = new boolean[count];
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            long rows = counts[from + i];
            long denominator = sample ? rows - 1 : rows;
            nulls[i] = denominator <= 0;
            if (!nulls[i]) {
                double variance = Math.max(0, squaredDeviations[from + i] / denominator);
                values[i] = root ? Math.sqrt(variance) : variance;
            }
        }
        if (resultType.kind() == TypeKind.DOUBLE) {
            return new DoubleData(values, nulls, count);
        }
        if (resultType.isWideDecimal()) {
            byte[] keys = new byte[count * WideDecimals.WIDTH];
            for (int i = 0; i < count; i++) {
                if (!nulls[i]) {
                    BigInteger unscaled = new BigDecimal(values[i]).setScale(resultType.scale(), RoundingMode.HALF_UP)
                            .unscaledValue();
                    if (unscaled.abs().compareTo(BigInteger.TEN.pow(resultType.precision())) >= 0) {
                        throw new DepotException(ErrorCode.USER, "numeric overflow");
                    }
                    WideDecimals.put(keys, i * WideDecimals.WIDTH, Int128.high(unscaled), Int128.low(unscaled));
                }
            }
            return WideDecimals.of(keys, nulls, count);
        }
        double scale = Math.pow(10, resultType.scale());
        long[] unscaled = new long[count];
        for (int i = 0; i < count; i++) {
            unscaled[i] = Math.round(values[i] * scale);
        }
        return new LongData(unscaled, nulls, count);
    }

    @Override
    public long estimatedBytes() {
        return 24L * counts.length;
    }
}
