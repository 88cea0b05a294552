package io.depot.engine.aggregation;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.storage.type.ColumnType;
import java.util.List;

/**
 * An aggregate over the distinct values of its argument per group (e.g. COUNT(DISTINCT x)): a
 * hash table of (group, value) pairs lets only each pair's first row through to the wrapped
 * accumulator.
 */
final class DistinctAccumulator implements Accumulator {
    private final Accumulator delegate;
    private final GroupByHash seenPairs;

    DistinctAccumulator(Accumulator delegate, ColumnType argumentType) {
        this.delegate = delegate;
        this.seenPairs = new GroupByHash(List.of(ColumnType.BIGINT, argumentType));
    }

    @Override
    public void add(int[] groupIds, int groupCount, ColumnData input, int size) {
        long[] groups = new long[size];
        for (int i = 0; i < size; i++) {
            groups[i] = groupIds[i];
        }
        int pairsBefore = seenPairs.groupCount();
        int[] pairIds = seenPairs.groupIds(List.of(new LongData(groups, null, size), input), size);
        // Pair ids are handed out in order of first appearance, so first rows carry the next new id.
        int[] firstRows = new int[size];
        int firstCount = 0;
        int nextNewPair = pairsBefore;
        for (int i = 0; i < size; i++) {
            if (pairIds[i] == nextNewPair) {
                firstRows[firstCount++] = i;
                nextNewPair++;
            }
        }
        int[] firstGroups = new int[firstCount];
        for (int i = 0; i < firstCount; i++) {
            firstGroups[i] = groupIds[firstRows[i]];
        }
        delegate.add(firstGroups, groupCount, input.gather(firstRows, firstCount), firstCount);
    }

    @Override
    public void ensureCapacity(int groupCount) {
        delegate.ensureCapacity(groupCount);
    }

    @Override
    public ColumnData result(int from, int count) {
        return delegate.result(from, count);
    }

    @Override
    public long estimatedBytes() {
        return delegate.estimatedBytes() + seenPairs.estimatedBytes();
    }
}
