package io.depot.engine.window;

import io.depot.engine.aggregation.KeyEncoding;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.batch.WideDecimals;
import io.depot.engine.expression.Decimals;
import io.depot.engine.plan.WindowFunction;
import io.depot.engine.sort.RowComparator;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.Int128;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Aggregates over each row's frame. Frames slide (within a partition neither bound moves back),
 * so each aggregate keeps one window of rows and adds rows entering it and removes rows leaving
 * it: linear in the partition size however wide the frames are. MIN and MAX keep a monotonic
 * queue of candidate positions.
 */
final class FrameAggregates {
    private FrameAggregates() {}

    /** COUNT(*) when {@code argument} is null, else COUNT(argument). */
    static LongData count(ColumnData argument, FrameBounds frames, int size) {
        long[] result = new long[size];
        boolean[] nulls = argument == null ? null : argument.nulls();
        Window window = new Window();
        long count = 0;
        for (int row = 0; row < size; row++) {
            int start = frames.start[row];
            int end = frames.end[row];
            if (start >= end) {
                continue;
            }
            if (window.reset(start)) {
                count = 0;
            }
            while (window.low < start) {
                count -= isNull(nulls, window.low++) ? 0 : 1;
            }
            while (window.high < end) {
                count += isNull(nulls, window.high++) ? 0 : 1;
            }
            result[row] = count;
        }
        return new LongData(result, null, size);
    }

    /**
     * SUM, SUM0 or AVG of INTEGER, BIGINT or DECIMAL values (unscaled, {@code inputScale}) into
     * the result type; sums are exact (overflow is an error), averages round half up.
     */
    static ColumnData sumLongs(WindowFunction function, LongData argument, int inputScale, ColumnType resultType,
            FrameBounds frames, int size) {
        long[] values = argument.values();
        boolean[] nulls = argument.nulls();
        long[] sums = new long[size];
        long[] counts = new long[size];
        Window window = new Window();
        long sum = 0;
        long count = 0;
        try {
            for (int row = 0; row < size; row++) {
                int start = frames.start[row];
                int end = frames.end[row];
                if (start >= end) {
                    continue;
                }
                if (window.reset(start)) {
                    sum = 0;
                    count = 0;
                }
                for (; window.low < start; window.low++) {
                    if (!isNull(nulls, window.low)) {
                        sum = Math.subtractExact(sum, values[window.low]);
                        count--;
                    }
                }
                for (; window.high < end; window.high++) {
                    if (!isNull(nulls, window.high)) {
                        sum = Math.addExact(sum, values[window.high]);
                        count++;
                    }
                }
                sums[row] = sum;
                counts[row] = count;
            }
        } catch (ArithmeticException e) {
            throw new DepotException(ErrorCode.USER, "numeric overflow");
        }
        return finish(function, sums, counts, inputScale, resultType, size);
    }

    /**
     * SUM, SUM0 or AVG of wide DECIMAL values (128-bit keys) over sliding frames, summed in 128
     * bits (a running sum past 128 bits or a result past its precision is "numeric overflow");
     * each row's result is rescaled or averaged (half up) through one BigDecimal.
     */
    static ColumnData sumWideDecimals(WindowFunction function, StringData argument, int inputScale,
            ColumnType resultType, FrameBounds frames, int size) {
        boolean[] nulls = argument.nulls();
        long[] highs = new long[size];
        long[] lows = new long[size];
        for (int row = 0; row < size; row++) {
            if (!isNull(nulls, row)) {
                highs[row] = WideDecimals.high(argument, row);
                lows[row] = WideDecimals.low(argument, row);
            }
        }
        long[] sumHighs = new long[size];
        long[] sumLows = new long[size];
        long[] counts = new long[size];
        Window window = new Window();
        long[] sum = new long[2];
        long count = 0;
        for (int row = 0; row < size; row++) {
            int start = frames.start[row];
            int end = frames.end[row];
            if (start >= end) {
                continue;
            }
            if (window.reset(start)) {
                sum[0] = 0;
                sum[1] = 0;
                count = 0;
            }
            for (; window.low < start; window.low++) {
                if (!isNull(nulls, window.low)) {
                    long low = lows[window.low];
                    addTo(sum, ~highs[window.low] + (low == 0 ? 1 : 0), -low);
                    count--;
                }
            }
            for (; window.high < end; window.high++) {
                if (!isNull(nulls, window.high)) {
                    addTo(sum, highs[window.high], lows[window.high]);
                    count++;
                }
            }
            sumHighs[row] = sum[0];
            sumLows[row] = sum[1];
            counts[row] = count;
        }
        boolean[] resultNulls = new boolean[size];
        boolean anyNull = false;
        BigInteger bound = BigInteger.TEN.pow(resultType.precision());
        byte[] keys = new byte[size * WideDecimals.WIDTH];
        long[] narrow = new long[size];
        for (int row = 0; row < size; row++) {
            resultNulls[row] = counts[row] == 0 && function != WindowFunction.SUM0;
            anyNull |= resultNulls[row];
            if (resultNulls[row]) {
                continue;
            }
            BigDecimal total = Int128.toBigDecimal(sumHighs[row], sumLows[row], inputScale);
            BigDecimal value = function == WindowFunction.AVG
                    ? total.divide(BigDecimal.valueOf(counts[row]), resultType.scale(), RoundingMode.HALF_UP)
                    : total.setScale(resultType.scale(), RoundingMode.HALF_UP);
            BigInteger unscaled = value.unscaledValue();
            if (unscaled.abs().compareTo(bound) >= 0) {
                throw new DepotException(ErrorCode.USER, "numeric overflow");
            }
            WideDecimals.put(keys, row * WideDecimals.WIDTH, Int128.high(unscaled), Int128.low(unscaled));
            narrow[row] = unscaled.longValue();
        }
        boolean[] finalNulls = anyNull ? resultNulls : null;
        return resultType.isWideDecimal()
                ? WideDecimals.of(keys, finalNulls, size) : new LongData(narrow, finalNulls, size);
    }

    /** {@code sum += (high, low)} in 128 bits, or a "numeric overflow" error. */
    private static void addTo(long[] sum, long high, long low) {
        long oldHigh = sum[0];
        long newLow = sum[1] + low;
        long newHigh = oldHigh + high + (Long.compareUnsigned(newLow, sum[1]) < 0 ? 1 : 0);
        if (((oldHigh ^ newHigh) & (high ^ newHigh)) < 0) {
            throw new DepotException(ErrorCode.USER, "numeric overflow");
        }
        sum[0] = newHigh;
        sum[1] = newLow;
    }

    private static ColumnData finish(WindowFunction function, long[] sums, long[] counts, int inputScale,
            ColumnType resultType, int size) {
        boolean[] nulls = new boolean[size];
        boolean anyNull = false;
        for (int row = 0; row < size; row++) {
            nulls[row] = counts[row] == 0 && function != WindowFunction.SUM0;
            anyNull |= nulls[row];
        }
        boolean[] resultNulls = anyNull ? nulls : null;
        if (resultType.kind() == TypeKind.DOUBLE) {
            double[] result = new double[size];
            double unit = Math.pow(10, -inputScale);
            for (int row = 0; row < size; row++) {
                if (counts[row] > 0) {
                    double value = sums[row] * unit;
                    result[row] = function == WindowFunction.AVG ? value / counts[row] : value;
                }
            }
            return new DoubleData(result, resultNulls, size);
        }
        int resultScale = resultType.kind() == TypeKind.DECIMAL ? resultType.scale() : 0;
        long[] result = new long[size];
        for (int row = 0; row < size; row++) {
            if (counts[row] == 0) {
                continue;
            }
            result[row] = function == WindowFunction.AVG
                    ? Decimals.average(sums[row], inputScale, counts[row], resultScale)
                    : Decimals.rescale(sums[row], inputScale, resultScale);
        }
        return new LongData(result, resultNulls, size);
    }

    /** SUM, SUM0 or AVG of DOUBLE values, compensated (Kahan) so sliding adds and removes stay accurate. */
    static DoubleData sumDoubles(WindowFunction function, DoubleData argument, FrameBounds frames, int size) {
        double[] values = argument.values();
        boolean[] inputNulls = argument.nulls();
        double[] result = new double[size];
        boolean[] nulls = new boolean[size];
        boolean anyNull = false;
        Window window = new Window();
        CompensatedSum sum = new CompensatedSum();
        long count = 0;
        for (int row = 0; row < size; row++) {
            int start = frames.start[row];
            int end = frames.end[row];
            if (start < end) {
                if (window.reset(start)) {
                    sum = new CompensatedSum();
                    count = 0;
                }
                for (; window.low < start; window.low++) {
                    if (!isNull(inputNulls, window.low)) {
                        sum.add(-values[window.low]);
                        count--;
                    }
                }
                for (; window.high < end; window.high++) {
                    if (!isNull(inputNulls, window.high)) {
                        sum.add(values[window.high]);
                        count++;
                    }
                }
            }
            long rowCount = start < end ? count : 0;
            if (rowCount == 0) {
                nulls[row] = function != WindowFunction.SUM0;
                anyNull |= nulls[row];
            } else {
                result[row] = function == WindowFunction.AVG ? sum.value() / rowCount : sum.value();
            }
        }
        return new DoubleData(result, anyNull ? nulls : null, size);
    }

    /**
     * The position of the frame's smallest (MIN) or largest (MAX) non-NULL value per row, or
     * {@link IndexedValues#NONE} when the frame has none.
     */
    static int[] extremePositions(ColumnData argument, boolean maximum, FrameBounds frames, int size) {
        RowComparator order = comparator(argument);
        boolean[] nulls = argument.nulls();
        int[] result = new int[size];
        int[] queue = new int[Math.max(1, size)];
        int head = 0;
        int tail = 0;
        Window window = new Window();
        for (int row = 0; row < size; row++) {
            int start = frames.start[row];
            int end = frames.end[row];
            result[row] = IndexedValues.NONE;
            if (start >= end) {
                continue;
            }
            if (window.reset(start)) {
                head = 0;
                tail = 0;
            }
            window.low = start;
            for (; window.high < end; window.high++) {
                int candidate = window.high;
                if (isNull(nulls, candidate)) {
                    continue;
                }
                // Drop queued positions the newcomer beats: they can never be the extreme again.
                while (tail > head && beats(order.compare(candidate, queue[tail - 1]), maximum)) {
                    tail--;
                }
                queue[tail++] = candidate;
            }
            while (tail > head && queue[head] < start) {
                head++;
            }
            if (tail > head) {
                result[row] = queue[head];
            }
        }
        return result;
    }

    private static boolean beats(int comparison, boolean maximum) {
        return maximum ? comparison >= 0 : comparison <= 0;
    }

    private static RowComparator comparator(ColumnData data) {
        if (data instanceof StringData strings) {
            return (left, right) -> strings.compare(left, strings, right);
        }
        long[] values = ((LongData) KeyEncoding.toKeyRepresentation(data)).values();
        return (left, right) -> Long.compare(values[left], values[right]);
    }

    private static boolean isNull(boolean[] nulls, int row) {
        return nulls != null && nulls[row];
    }

    /** The rows {@code [low, high)} an aggregate currently holds. */
    private static final class Window {
        int low;
        int high;

        /**
         * Starts over at {@code start} when the held rows cannot slide to the new frame (a new
         * partition, or a frame entirely past them); returns whether it did.
         */
        boolean reset(int start) {
            if (start < low || start >= high) {
                low = start;
                high = start;
                return true;
            }
            return false;
        }
    }

    /** Kahan-Babuska summation: a running sum with its rounding error carried separately. */
    private static final class CompensatedSum {
        private double sum;
        private double compensation;

        void add(double value) {
            double total = sum + value;
            if (Math.abs(sum) >= Math.abs(value)) {
                compensation += (sum - total) + value;
            } else {
                compensation += (value - total) + sum;
            }
            sum = total;
        }

        double value() {
            return sum + compensation;
        }
    }
}
