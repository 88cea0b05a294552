package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.batch.WideDecimals;
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
 * SUM or AVG of INTEGER, BIGINT or DECIMAL input. Sums are kept exactly in 128 bits: 64-bit
 * inputs cannot overflow them (the loop is the same carry add as before wide decimals), 128-bit
 * inputs (wide DECIMAL keys) are checked on every add. A final SUM that does not fit its result
 * type (64 bits, or 38 digits for a wide DECIMAL) is an error ("numeric overflow"). SUM keeps the input scale (rescaled to the result's); AVG gives a DOUBLE, or a
 * DECIMAL of the result's scale rounded half-up.
 */
final class LongSumAccumulator implements Accumulator {
    private static final BigInteger MAX_WIDE = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

    private final int inputScale;
    private final ColumnType resultType;
    private final boolean averaging;
    private long[] sumLow = new long[0];
    private long[] sumHigh = new long[0];
    private long[] counts = new long[0];

    LongSumAccumulator(int inputScale, ColumnType resultType, boolean averaging) {
        this.inputScale = inputScale;
        this.resultType = resultType;
        this.averaging = averaging;
    }

    @Override
    public void ensureCapacity(int groupCount) {
        if (groupCount > sumLow.length) {
            int capacity = Accumulator.grownCapacity(sumLow.length, groupCount);
            sumLow = Arrays.copyOf(sumLow, capacity);
            sumHigh = Arrays.copyOf(sumHigh, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        ensureCapacity(groupCount);
        if (input instanceof StringData keys) {
            addWide(groupIds, keys, size);
            return;
        }
        long[] values = ((LongData) input).values();
        boolean[] nulls = input.nulls();
        for (int i = 0; i < size; i++) {
            if (nulls == null || !nulls[i]) {
                int group = groupIds[i];
                long value = values[i];
                long oldLow = sumLow[group];
                long newLow = oldLow + value;
                // 128-bit two's complement: the high word takes the value's sign and the low word's carry.
                sumHigh[group] += (value >> 63) + (Long.compareUnsigned(newLow, oldLow) < 0 ? 1 : 0);
                sumLow[group] = newLow;
                counts[group]++;
            }
        }
    }

    /** Adds 128-bit inputs (a wide DECIMAL's keys); a sum past 128 bits is an overflow error. */
    private void addWide(int[] groupIds, StringData keys, int size) {
        boolean[] nulls = keys.nulls();
        for (int i = 0; i < size; i++) {
            if (nulls == null || !nulls[i]) {
                int group = groupIds[i];
                long high = WideDecimals.high(keys, i);
                long oldLow = sumLow[group];
                long newLow = oldLow + WideDecimals.low(keys, i);
                long oldHigh = sumHigh[group];
                long newHigh = oldHigh + high + (Long.compareUnsigned(newLow, oldLow) < 0 ? 1 : 0);
                if (((oldHigh ^ newHigh) & (high ^ newHigh)) < 0) {
                    throw new DepotException(ErrorCode.USER, "numeric overflow");
                }
                sumHigh[group] = newHigh;
                sumLow[group] = newLow;
                counts[group]++;
            }
        }
    }

    /** Adds the partial's 128-bit sums; a sum past 128 bits is the overflow error, as in {@link #addWide}. */
    @Override
    public void merge(Accumulator other, int[] groupMapping, int groupCount) {
        ensureCapacity(groupCount);
        LongSumAccumulator partial = (LongSumAccumulator) other;
        for (int group = 0; group < groupMapping.length; group++) {
            int target = groupMapping[group];
            if (target < 0) {
                continue;
            }
            long high = partial.sumHigh[group];
            long oldLow = sumLow[target];
            long newLow = oldLow + partial.sumLow[group];
            long oldHigh = sumHigh[target];
            long newHigh = oldHigh + high + (Long.compareUnsigned(newLow, oldLow) < 0 ? 1 : 0);
            if (((oldHigh ^ newHigh) & (high ^ newHigh)) < 0) {
                throw new DepotException(ErrorCode.USER, "numeric overflow");
            }
            sumHigh[target] = newHigh;
            sumLow[target] = newLow;
            counts[target] += partial.counts[group];
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
            for (int i = 0; i < count; i++) {
                if (!nulls[i]) {
                    BigDecimal sum = new BigDecimal(sum(from + i), inputScale);
                    long divisor = averaging ? counts[from + i] : 1;
                    values[i] = sum.doubleValue() / divisor;
                }
            }
            return new DoubleData(values, nulls, count);
        }
        if (resultType.isWideDecimal()) {
            byte[] keys = new byte[count * WideDecimals.WIDTH];
            for (int i = 0; i < count; i++) {
                if (!nulls[i]) {
                    BigInteger unscaled = finalUnscaled(from + i);
                    if (unscaled.abs().compareTo(MAX_WIDE) > 0) {
                        throw new DepotException(ErrorCode.USER, "numeric overflow");
                    }
                    WideDecimals.put(keys, i * WideDecimals.WIDTH, Int128.high(unscaled), Int128.low(unscaled));
                }
            }
            return WideDecimals.of(keys, nulls, count);
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            if (!nulls[i]) {
                values[i] = finalValue(from + i);
            }
        }
        return new LongData(values, nulls, count);
    }

    private BigInteger finalUnscaled(int group) {
        BigDecimal sum = new BigDecimal(sum(group), inputScale);
        BigDecimal value = averaging
                ? sum.divide(BigDecimal.valueOf(counts[group]), resultType.scale(), RoundingMode.HALF_UP)
                : sum.setScale(resultType.scale(), RoundingMode.HALF_UP);
        return value.unscaledValue();
    }

    private long finalValue(int group) {
        BigDecimal sum = new BigDecimal(sum(group), inputScale);
        BigDecimal value = averaging
                ? sum.divide(BigDecimal.valueOf(counts[group]), resultType.scale(), RoundingMode.HALF_UP)
                : sum.setScale(resultType.scale(), RoundingMode.HALF_UP);
        BigInteger unscaled = value.unscaledValue();
        int bits = resultType.kind() == TypeKind.INTEGER ? 31 : 63;
        if (unscaled.bitLength() > bits) {
            throw new DepotException(ErrorCode.USER, "numeric overflow");
        }
        return unscaled.longValue();
    }

    private BigInteger sum(int group) {
        long low = sumLow[group];
        long high = sumHigh[group];
        if (high == (low >> 63)) {
            return BigInteger.valueOf(low);
        }
        BigInteger unsignedLow = BigInteger.valueOf(low >>> 1).shiftLeft(1).or(BigInteger.valueOf(low & 1));
        return BigInteger.valueOf(high).shiftLeft(64).add(unsignedLow);
    }

    @Override
    public long estimatedBytes() {
        return 24L * sumLow.length;
    }
}
