package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.batch.WideDecimals;
import io.depot.engine.expression.Decimals;
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
    /** Batches over at most this many groups are summed in lanes ({@link #addInLanes}). */
    private static final int LANED_GROUP_LIMIT = 256;
    private static final int LANES = 4;
    /** The most rows summed in lanes at once: with values below {@link #LANED_VALUE_LIMIT}, 64 bits hold the sum. */
    private static final int MAX_LANED_ROWS = 1 << 16;
    private static final long LANED_VALUE_LIMIT = 1L << 46;
    /** The largest exponent of a power of ten that a long holds (and that is an exact double: 5^18 < 2^53). */
    private static final int MAX_LONG_POWER = 18;

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
        add(groupIds, groupCount, input, size, null);
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size, int[] groupRows) {
        ensureCapacity(groupCount);
        if (input instanceof StringData keys) {
            addWide(groupIds, keys, size);
            return;
        }
        long[] values = ((LongData) input).values();
        boolean[] nulls = input.nulls();
        if (nulls == null && groupCount <= LANED_GROUP_LIMIT && size <= MAX_LANED_ROWS) {
            boolean added = groupRows == null ? addInLanes(groupIds, groupCount, values, size)
                    : addInLanes(groupIds, groupCount, values, size, groupRows);
            if (added) {
                return;
            }
        }
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

    /**
     * Adds a batch without NULLs over few groups: plain 64-bit sums and counts first, in
     * {@link #LANES} interleaved copies per group (consecutive rows of one group would otherwise
     * wait on each other's store), then each group's lanes into its 128-bit sum once. The same
     * pass checks that every value is below {@link #LANED_VALUE_LIMIT}, so that the 64-bit sums
     * cannot have overflowed; when one is not, nothing is added and it returns false.
     */
    private boolean addInLanes(int[] groupIds, int groupCount, long[] values, int size) {
        long[] laneSums = new long[LANES * groupCount];
        int[] laneCounts = new int[LANES * groupCount];
        long magnitudes = 0;
        int i = 0;
        for (; i + LANES <= size; i += LANES) {
            magnitudes |= values[i] ^ (values[i] >> 63) | values[i + 1] ^ (values[i + 1] >> 63)
                    | values[i + 2] ^ (values[i + 2] >> 63) | values[i + 3] ^ (values[i + 3] >> 63);
            int g0 = groupIds[i];
            int g1 = groupCount + groupIds[i + 1];
            int g2 = 2 * groupCount + groupIds[i + 2];
            int g3 = 3 * groupCount + groupIds[i + 3];
            laneSums[g0] += values[i];
            laneSums[g1] += values[i + 1];
            laneSums[g2] += values[i + 2];
            laneSums[g3] += values[i + 3];
            laneCounts[g0]++;
            laneCounts[g1]++;
            laneCounts[g2]++;
            laneCounts[g3]++;
        }
        for (; i < size; i++) {
            magnitudes |= values[i] ^ (values[i] >> 63);
            laneSums[groupIds[i]] += values[i];
            laneCounts[groupIds[i]]++;
        }
        if (magnitudes >= LANED_VALUE_LIMIT) {
            return false;
        }
        for (int group = 0; group < groupCount; group++) {
            long count = 0;
            long value = 0;
            for (int lane = 0; lane < LANES; lane++) {
                count += laneCounts[lane * groupCount + group];
                value += laneSums[lane * groupCount + group];
            }
            if (count > 0) {
                long oldLow = sumLow[group];
                long newLow = oldLow + value;
                sumHigh[group] += (value >> 63) + (Long.compareUnsigned(newLow, oldLow) < 0 ? 1 : 0);
                sumLow[group] = newLow;
                counts[group] += count;
            }
        }
        return true;
    }

    /**
     * {@link #addInLanes(int[], int, long[], int)} with the batch's rows per group already
     * counted: the lanes only sum.
     */
    private boolean addInLanes(int[] groupIds, int groupCount, long[] values, int size, int[] groupRows) {
        long[] laneSums = new long[LANES * groupCount];
        long magnitudes = 0;
        int i = 0;
        for (; i + LANES <= size; i += LANES) {
            magnitudes |= values[i] ^ (values[i] >> 63) | values[i + 1] ^ (values[i + 1] >> 63)
                    | values[i + 2] ^ (values[i + 2] >> 63) | values[i + 3] ^ (values[i + 3] >> 63);
            laneSums[groupIds[i]] += values[i];
            laneSums[groupCount + groupIds[i + 1]] += values[i + 1];
            laneSums[2 * groupCount + groupIds[i + 2]] += values[i + 2];
            laneSums[3 * groupCount + groupIds[i + 3]] += values[i + 3];
        }
        for (; i < size; i++) {
            magnitudes |= values[i] ^ (values[i] >> 63);
            laneSums[groupIds[i]] += values[i];
        }
        if (magnitudes >= LANED_VALUE_LIMIT) {
            return false;
        }
        for (int group = 0; group < groupCount; group++) {
            long value = laneSums[group] + laneSums[groupCount + group] + laneSums[2 * groupCount + group]
                    + laneSums[3 * groupCount + group];
            long oldLow = sumLow[group];
            long newLow = oldLow + value;
            sumHigh[group] += (value >> 63) + (Long.compareUnsigned(newLow, oldLow) < 0 ? 1 : 0);
            sumLow[group] = newLow;
            counts[group] += groupRows[group];
        }
        return true;
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

    /**
     * An accumulator for another SUM or AVG over the same input (TPC-H Q1 has SUM and AVG of
     * {@code l_quantity}): its result is computed from this one's state, which it leaves to this
     * one to add to and merge, so the input is summed once for both.
     */
    Accumulator sharedResult(ColumnType sharedResultType, boolean sharedAveraging) {
        LongSumAccumulator owner = this;
        return new Accumulator() {
            @Override
            public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
                // the owner adds the same input
            }

            @Override
            public void merge(Accumulator other, int[] groupMapping, int groupCount) {
                // the owner merges the other partial's owner
            }

            @Override
            public void ensureCapacity(int groupCount) {
                owner.ensureCapacity(groupCount);
            }

            @Override
            public ColumnData result(int from, int count) {
                return owner.result(sharedResultType, sharedAveraging, from, count);
            }

            @Override
            public long estimatedBytes() {
                return 0;
            }
        };
    }

    @Override
    public ColumnData result(int from, int count) {
        return result(resultType, averaging, from, count);
    }

    /** The groups' sums or averages in {@code resultType}. */
    private ColumnData result(ColumnType resultType, boolean averaging, int from, int count) {
        boolean[] nulls = new boolean[count];
        for (int i = 0; i < count; i++) {
            nulls[i] = counts[from + i] == 0;
        }
        if (resultType.kind() == TypeKind.DOUBLE) {
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                if (!nulls[i]) {
                    long divisor = averaging ? counts[from + i] : 1;
                    values[i] = sumAsDouble(from + i) / divisor;
                }
            }
            return new DoubleData(values, nulls, count);
        }
        if (resultType.isWideDecimal()) {
            byte[] keys = new byte[count * WideDecimals.WIDTH];
            for (int i = 0; i < count; i++) {
                if (!nulls[i]) {
                    BigInteger unscaled = finalUnscaled(from + i, resultType, averaging);
                    if (unscaled.abs().compareTo(MAX_WIDE) > 0) {
                        throw new DepotException(ErrorCode.USER, "numeric overflow");
                    }
                    WideDecimals.put(keys, i * WideDecimals.WIDTH, Int128.high(unscaled), Int128.low(unscaled));
                }
            }
            return WideDecimals.of(keys, nulls, count);
        }
        long[] values = new long[count];
        int rescale = resultType.scale() - inputScale;
        // 10^rescale when the result's scale is not below the input's and the factor fits a long, else 0
        long factor = rescale >= 0 && rescale <= MAX_LONG_POWER ? Decimals.powerOfTen(rescale) : 0;
        long largestSum = factor == 0 ? 0 : Long.MAX_VALUE / factor;
        boolean intResult = resultType.kind() == TypeKind.INTEGER;
        for (int i = 0; i < count; i++) {
            if (nulls[i]) {
                continue;
            }
            int group = from + i;
            long low = sumLow[group];
            // Sums that fit 64 bits with a rescaled value that fits too (nearly all) are finished in
            // long arithmetic; BigDecimal's per-group objects cost more than the summing for many groups.
            if (factor != 0 && sumHigh[group] == (low >> 63) && low >= -largestSum && low <= largestSum) {
                long value = averaging ? Decimals.divideRoundHalfUp(low * factor, counts[group]) : low * factor;
                if (intResult && (int) value != value) {
                    throw new DepotException(ErrorCode.USER, "numeric overflow");
                }
                values[i] = value;
            } else {
                values[i] = finalValue(group, resultType, averaging);
            }
        }
        return new LongData(values, nulls, count);
    }

    /** The group's sum at the input scale as the nearest double, as {@link BigDecimal#doubleValue()}. */
    private double sumAsDouble(int group) {
        long low = sumLow[group];
        if (sumHigh[group] == (low >> 63)) {
            if (inputScale == 0) {
                return low; // long to double rounds to nearest, as BigDecimal does
            }
            // both operands exact doubles, so the one IEEE division is correctly rounded
            if (inputScale <= MAX_LONG_POWER && low >= -(1L << 53) && low <= 1L << 53) {
                return low / (double) Decimals.powerOfTen(inputScale);
            }
        }
        return new BigDecimal(sum(group), inputScale).doubleValue();
    }

    private BigInteger finalUnscaled(int group, ColumnType resultType, boolean averaging) {
        BigDecimal sum = new BigDecimal(sum(group), inputScale);
        BigDecimal value = averaging
                ? sum.divide(BigDecimal.valueOf(counts[group]), resultType.scale(), RoundingMode.HALF_UP)
                : sum.setScale(resultType.scale(), RoundingMode.HALF_UP);
        return value.unscaledValue();
    }

    private long finalValue(int group, ColumnType resultType, boolean averaging) {
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
