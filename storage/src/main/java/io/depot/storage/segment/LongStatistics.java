package io.depot.storage.segment;

/**
 * What the fixed-width encodings need to know about a block to size themselves, gathered in one
 * pass over its values (NULL rows included: they hold a neighbour's value).
 *
 * @param min smallest value, signed
 * @param max largest value, signed
 * @param runCount number of maximal runs of equal values
 * @param longestRun rows in the longest run
 * @param minDelta smallest difference between a value and the one before it (wrapping)
 * @param maxDelta largest such difference; both 0 for a single row
 */
record LongStatistics(long min, long max, int runCount, int longestRun, long minDelta, long maxDelta) {
    static LongStatistics of(long[] values, int rowCount) {
        if (rowCount == 0) {
            return new LongStatistics(0, 0, 0, 0, 0, 0);
        }
        long min = values[0];
        long max = values[0];
        long minDelta = Long.MAX_VALUE;
        long maxDelta = Long.MIN_VALUE;
        int runCount = 1;
        int longestRun = 1;
        int run = 1;
        for (int i = 1; i < rowCount; i++) {
            long value = values[i];
            min = Math.min(min, value);
            max = Math.max(max, value);
            long delta = value - values[i - 1];
            minDelta = Math.min(minDelta, delta);
            maxDelta = Math.max(maxDelta, delta);
            if (delta == 0) {
                run++;
            } else {
                longestRun = Math.max(longestRun, run);
                run = 1;
                runCount++;
            }
        }
        longestRun = Math.max(longestRun, run);
        if (rowCount == 1) {
            minDelta = 0;
            maxDelta = 0;
        }
        return new LongStatistics(min, max, runCount, longestRun, minDelta, maxDelta);
    }
}
