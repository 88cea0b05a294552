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
    /** How many of a partial's pairs a merge handles at once, bounding its temporary arrays. */
    private static final int MERGE_CHUNK = 65_536;

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

    /**
     * Adds the partial's distinct (group, value) pairs as if they were input rows: pairs this one
     * has seen are dropped, the others reach the wrapped accumulator once, which is the result of
     * one accumulator seeing both inputs. The partial's wrapped state is not needed.
     */
    @Override
    public void merge(Accumulator other, int[] groupMapping, int groupCount) {
        ensureCapacity(groupCount);
        GroupByHash partialPairs = ((DistinctAccumulator) other).seenPairs;
        int pairCount = partialPairs.groupCount();
        for (int from = 0; from < pairCount; from += MERGE_CHUNK) {
            int count = Math.min(MERGE_CHUNK, pairCount - from);
            List<ColumnData> pairs = partialPairs.keys(from, count);
            long[] partialGroups = ((LongData) pairs.get(0)).values();
            int[] rows = new int[count];
            int[] groups = new int[count];
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int target = groupMapping[(int) partialGroups[i]];
                if (target >= 0) {
                    rows[kept] = i;
                    groups[kept++] = target;
                }
            }
            add(groups, groupCount, pairs.get(1).gather(rows, kept), kept);
        }
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
