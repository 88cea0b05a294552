package io.depot.engine.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.batch.WideDecimals;
import io.depot.storage.type.ColumnType;
import java.math.BigInteger;
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
                sum.add(groupIds, groupCount, new LongData(values, nulls, size), size);
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
}
