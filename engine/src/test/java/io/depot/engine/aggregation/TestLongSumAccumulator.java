package io.depot.engine.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.batch.WideDecimals;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SUM over 64-bit inputs against BigInteger sums: batches that take the laned path (few groups,
 * no NULLs, small values) and those that do not (NULLs, large values, many groups), mixed in one
 * accumulator, with sums that pass 64 bits.
 */
class TestLongSumAccumulator {
    private static final ColumnType WIDE = ColumnType.decimal(38, 0);

    @Test
    void sumsAndCountsMatchBigIntegerOverEveryPath() {
        Random random = new Random(7);
        for (int groupCount : new int[] {1, 3, 4, 5, 256, 257, 5_000}) {
            LongSumAccumulator sum = new LongSumAccumulator(0, WIDE, false);
            // the same input, its average checking the row counts
            LongSumAccumulator mean = new LongSumAccumulator(0, ColumnType.DOUBLE, true);
            BigInteger[] expected = new BigInteger[groupCount];
            long[] expectedCounts = new long[groupCount];
            java.util.Arrays.fill(expected, BigInteger.ZERO);
            for (int batch = 0; batch < 24; batch++) {
                int size = batch % 6 == 5 ? 65_536 : 1 + random.nextInt(5_000);
                long[] values = new long[size];
                int[] groupIds = new int[size];
                boolean withNulls = batch % 4 == 1;
                boolean[] nulls = withNulls ? new boolean[size] : null;
                for (int i = 0; i < size; i++) {
                    groupIds[i] = random.nextInt(groupCount);
                    values[i] = switch (batch % 3) {
                        case 0 -> random.nextLong() >> 18; // just within the laned range
                        case 1 -> random.nextLong(); // near the 64-bit edges
                        default -> random.nextInt(2_000_001) - 1_000_000;
                    };
                    if (withNulls && random.nextInt(5) == 0) {
                        nulls[i] = true;
                        continue;
                    }
                    expected[groupIds[i]] = expected[groupIds[i]].add(BigInteger.valueOf(values[i]));
                    expectedCounts[groupIds[i]]++;
                }
                LongData input = new LongData(values, nulls, size);
                if (batch % 2 == 0) {
                    sum.add(groupIds, groupCount, input, size);
                    mean.add(groupIds, groupCount, input, size);
                } else {
                    // rows per group counted once for the batch, as GroupedAggregation does
                    int[] groupRows = GroupRows.count(groupIds, groupCount, size);
                    sum.add(groupIds, groupCount, input, size, groupRows);
                    mean.add(groupIds, groupCount, input, size, groupRows);
                }
            }
            DoubleData means = (DoubleData) mean.result(0, groupCount);
            for (int group = 0; group < groupCount; group++) {
                if (expectedCounts[group] > 0) {
                    double expectedMean = new BigDecimal(expected[group])
                            .divide(BigDecimal.valueOf(expectedCounts[group]), java.math.MathContext.DECIMAL128)
                            .doubleValue();
                    // the sum rounds to a double before the division: a few ulps apart at most
                    assertThat(means.values()[group]).as("%d groups, group %d", groupCount, group)
                            .isCloseTo(expectedMean, org.assertj.core.data.Offset.offset(Math.abs(expectedMean) * 1e-12));
                }
            }
            StringData result = (StringData) sum.result(0, groupCount);
            for (int group = 0; group < groupCount; group++) {
                if (expectedCounts[group] == 0) {
                    assertThat(result.isNull(group)).isTrue();
                    continue;
                }
                BigInteger actual = WideDecimals.toBigDecimal(result, group, 0).toBigIntegerExact();
                assertThat(actual).as("%d groups, group %d", groupCount, group).isEqualTo(expected[group]);
            }
            LongSumAccumulator average = new LongSumAccumulator(0, ColumnType.BIGINT, true);
            int[] ids = {0, 0, groupCount - 1};
            average.add(ids, groupCount, new LongData(new long[] {1, 4, -6}, null, 3), 3);
            LongData averages = (LongData) average.result(0, groupCount);
            assertThat(averages.values()[groupCount - 1]).isEqualTo(groupCount == 1 ? 0 : -6);
        }
    }

    /**
     * Finished SUM and AVG values (64-bit, DOUBLE and INTEGER results, rescaled up or not, sums
     * inside and past 64 bits) against BigDecimal arithmetic with half-up rounding: the long
     * arithmetic fast path and the BigDecimal path must agree everywhere, halves included.
     */
    @Test
    void finishedValuesMatchBigDecimalHalfUp() {
        Random random = new Random(11);
        int groupCount = 2_000;
        int perGroup = 4; // averages of four values end in .25, .5 and .75: halves are tested
        for (int inputScale : new int[] {0, 2, 4}) {
            for (int resultScale : new int[] {inputScale, inputScale + 2, inputScale + 6}) {
                long[] values = new long[groupCount * perGroup];
                int[] groupIds = new int[values.length];
                for (int i = 0; i < values.length; i++) {
                    groupIds[i] = i % groupCount;
                    int group = groupIds[i];
                    values[i] = switch (group % 5) {
                        case 0 -> random.nextInt(21) - 10; // small, many exact halves when averaged
                        case 1 -> random.nextLong() >> 2; // sums past 64 bits for some groups
                        case 2 -> Long.MAX_VALUE / 3 - random.nextInt(3); // near the rescale limit
                        case 3 -> -(random.nextLong() >>> 40);
                        default -> random.nextInt(2_000_001) - 1_000_000;
                    };
                }
                for (boolean averaging : new boolean[] {false, true}) {
                    ColumnType decimal = ColumnType.decimal(18, resultScale);
                    LongSumAccumulator approximate = new LongSumAccumulator(inputScale, ColumnType.DOUBLE, averaging);
                    LongData input = new LongData(values, null, values.length);
                    approximate.add(groupIds, groupCount, input, values.length);
                    DoubleData doubles = (DoubleData) approximate.result(0, groupCount);
                    for (int group = 0; group < groupCount; group++) {
                        BigDecimal sum = BigDecimal.ZERO;
                        for (int i = group; i < values.length; i += groupCount) {
                            sum = sum.add(BigDecimal.valueOf(values[i], inputScale));
                        }
                        BigDecimal expected = averaging
                                ? sum.divide(BigDecimal.valueOf(perGroup), resultScale, RoundingMode.HALF_UP)
                                : sum.setScale(resultScale, RoundingMode.HALF_UP);
                        assertThat(doubles.values()[group]).as("double, group %d", group)
                                .isEqualTo(sum.doubleValue() / (averaging ? perGroup : 1));
                        LongSumAccumulator single = new LongSumAccumulator(inputScale, decimal, averaging);
                        long[] groupValues = new long[perGroup];
                        for (int i = 0; i < perGroup; i++) {
                            groupValues[i] = values[group + i * groupCount];
                        }
                        single.add(new int[perGroup], 1, new LongData(groupValues, null, perGroup), perGroup);
                        if (expected.unscaledValue().bitLength() > 63) {
                            assertThatThrownBy(() -> single.result(0, 1)).hasMessageContaining("numeric overflow");
                            continue;
                        }
                        assertThat(((LongData) single.result(0, 1)).values()[0])
                                .as("scale %d -> %d, averaging %s, group %d", inputScale, resultScale, averaging, group)
                                .isEqualTo(expected.unscaledValue().longValueExact());
                    }
                }
            }
        }
        LongSumAccumulator integers = new LongSumAccumulator(0, ColumnType.INTEGER, false);
        integers.add(new int[] {0, 0, 1}, 2, new LongData(new long[] {Integer.MAX_VALUE, 1, Integer.MIN_VALUE}, null, 3), 3);
        assertThatThrownBy(() -> integers.result(0, 2)).hasMessageContaining("numeric overflow");
        LongSumAccumulator negativeInteger = new LongSumAccumulator(0, ColumnType.INTEGER, false);
        negativeInteger.add(new int[] {0}, 1, new LongData(new long[] {Integer.MIN_VALUE}, null, 1), 1);
        assertThat(((LongData) negativeInteger.result(0, 1)).values()[0]).isEqualTo(Integer.MIN_VALUE);
    }
}
