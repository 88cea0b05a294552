package io.depot.engine.window;

import io.depot.engine.batch.LongData;
import io.depot.engine.plan.WindowFunction;

/** ROW_NUMBER, RANK, DENSE_RANK and NTILE: they depend only on partitions and peer groups. */
final class RankingFunctions {
    private RankingFunctions() {}

    static LongData evaluate(WindowFunction function, long buckets, WindowPartitions partitions, int size) {
        long[] result = new long[size];
        int[] partitionStart = partitions.partitionStart;
        switch (function) {
            case ROW_NUMBER -> {
                for (int row = 0; row < size; row++) {
                    result[row] = row - partitionStart[row] + 1;
                }
            }
            case RANK -> {
                for (int row = 0; row < size; row++) {
                    result[row] = partitions.peerStart[row] - partitionStart[row] + 1;
                }
            }
            case DENSE_RANK -> {
                long rank = 0;
                for (int row = 0; row < size; row++) {
                    if (row == partitionStart[row]) {
                        rank = 0;
                    }
                    if (row == partitions.peerStart[row]) {
                        rank++;
                    }
                    result[row] = rank;
                }
            }
            case NTILE -> {
                for (int row = 0; row < size; row++) {
                    long rows = partitions.partitionEnd[row] - partitionStart[row];
                    result[row] = bucket(row - partitionStart[row], rows, buckets);
                }
            }
            default -> throw new IllegalStateException("not a ranking function: " + function);
        }
        return new LongData(result, null, size);
    }

    /** NTILE's bucket (1-based) of the 0-based {@code position}: the first {@code rows % buckets} buckets hold one row more. */
    static long bucket(long position, long rows, long buckets) {
        long small = rows / buckets;
        long large = small + 1;
        long largeBuckets = rows % buckets;
        long inLarge = largeBuckets * large;
        if (position < inLarge) {
            return position / large + 1;
        }
        return largeBuckets + (position - inLarge) / small + 1;
    }
}
