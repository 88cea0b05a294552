package io.depot.engine.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.LongData;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** COUNT(*) and COUNT(x) over few groups (counted in lanes) and many, against plain counting. */
class TestCountAccumulator {
    @Test
    void countsMatchAPlainCountOverEveryPath() {
        Random random = new Random(9);
        for (int groupCount : new int[] {1, 2, 5, 256, 257, 3_000}) {
            CountAccumulator rows = new CountAccumulator();
            CountAccumulator values = new CountAccumulator();
            long[] expectedRows = new long[groupCount];
            long[] expectedValues = new long[groupCount];
            for (int batch = 0; batch < 10; batch++) {
                int size = random.nextInt(4_000) + (batch == 0 ? 0 : 1);
                int[] groupIds = new int[size];
                boolean[] nulls = batch % 2 == 0 ? new boolean[size] : null;
                for (int i = 0; i < size; i++) {
                    groupIds[i] = random.nextInt(groupCount);
                    expectedRows[groupIds[i]]++;
                    if (nulls != null) {
                        nulls[i] = random.nextInt(3) == 0;
                    }
                    if (nulls == null || !nulls[i]) {
                        expectedValues[groupIds[i]]++;
                    }
                }
                if (batch % 3 == 0) {
                    // rows per group counted once for the batch, as GroupedAggregation does
                    int[] groupRows = GroupRows.count(groupIds, groupCount, size);
                    rows.add(groupIds, groupCount, null, size, groupRows);
                    values.add(groupIds, groupCount, new LongData(new long[size], nulls, size), size, groupRows);
                } else {
                    rows.add(groupIds, groupCount, null, size);
                    values.add(groupIds, groupCount, new LongData(new long[size], nulls, size), size);
                }
            }
            assertThat(rows.result(0, groupCount).values()).as("%d groups", groupCount).isEqualTo(expectedRows);
            assertThat(values.result(0, groupCount).values()).as("%d groups", groupCount).isEqualTo(expectedValues);
        }
    }
}
