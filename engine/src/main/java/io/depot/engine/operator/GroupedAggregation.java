package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.aggregation.Accumulator;
import io.depot.engine.aggregation.Accumulators;
import io.depot.engine.aggregation.GroupByHash;
import io.depot.engine.aggregation.GroupRows;
import io.depot.engine.batch.Batch;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnReader;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.memory.HeapReservation;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.plan.AggregateCall;
import io.depot.storage.segment.BlockDictionary;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The state of one hash aggregation: the group-by hash table and one accumulator per aggregate
 * call, reserved against the query's memory budget. It takes input batches, or the groups of
 * other instances for the same aggregation (partial aggregations that ran on other workers), and
 * gives the result columns of its groups. Without keys there is exactly one group from the start,
 * so a global aggregate over empty input still has its row. One thread at a time.
 */
public final class GroupedAggregation implements AutoCloseable {
    private final List<Column> inputColumns;
    private final List<Integer> groupKeys;
    private final List<AggregateCall> calls;
    private final List<ColumnType> argumentTypes;
    private final GroupByHash groupByHash;
    private final List<Accumulator> accumulators;
    private final HeapReservation reservation;
    private int groupCount;

    /** @param inputColumns the columns of the batches it will be given */
    public GroupedAggregation(List<Column> inputColumns, List<Integer> groupKeys, List<AggregateCall> calls,
            QueryMemory memory) {
        this.inputColumns = List.copyOf(inputColumns);
        this.groupKeys = List.copyOf(groupKeys);
        this.calls = List.copyOf(calls);
        List<ColumnType> keyTypes = new ArrayList<>(groupKeys.size());
        for (int key : groupKeys) {
            keyTypes.add(inputColumns.get(key).type());
        }
        this.groupByHash = new GroupByHash(keyTypes);
        List<ColumnType> types = new ArrayList<>(calls.size());
        for (AggregateCall call : calls) {
            ColumnType argumentType = call.argument().isPresent()
                    ? inputColumns.get(call.argument().getAsInt()).type()
                    : null;
            types.add(argumentType);
        }
        this.accumulators = List.copyOf(Accumulators.createAll(calls, types));
        // null for COUNT(*), so not List.copyOf
        this.argumentTypes = Collections.unmodifiableList(types);
        this.reservation = new HeapReservation(requireNonNull(memory, "memory is null"));
        if (groupKeys.isEmpty()) {
            // A global aggregate has its one group before any input arrives.
            groupCount = 1;
            accumulators.forEach(accumulator -> accumulator.ensureCapacity(1));
        }
    }

    public int groupCount() {
        return groupCount;
    }

    /** Adds the batch's rows to their groups; the caller keeps (closes) the batch. */
    public void add(Batch batch) {
        int size = batch.rowCount();
        EvaluationContext context = EvaluationContext.of(batch);
        int[] groupIds;
        if (groupKeys.isEmpty()) {
            groupIds = new int[size];
        } else {
            List<ColumnData> keys = new ArrayList<>(groupKeys.size());
            int[][] codes = null;
            for (int k = 0; k < groupKeys.size(); k++) {
                BlockDictionary dictionary = batch.dictionary(groupKeys.get(k));
                if (dictionary != null) {
                    // grouped by the block's codes: the key is looked at once per entry, not per row
                    codes = codes == null ? new int[groupKeys.size()][] : codes;
                    codes[k] = new int[size];
                    dictionary.codes(batch.selection(), size, codes[k]);
                    keys.add(StringData.dictionaryEntries(dictionary));
                } else {
                    keys.add(keyColumn(batch, context, k));
                }
            }
            groupIds = groupByHash.groupIds(keys, codes, size);
            groupCount = groupByHash.groupCount();
        }
        // counted once for the accumulators that count rows (COUNT(*), SUM and AVG without NULLs)
        int[] groupRows = groupKeys.isEmpty() ? new int[] {size} : GroupRows.count(groupIds, groupCount, size);
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall call = calls.get(i);
            ColumnData argument = call.argument().isPresent()
                    ? context.column(call.argument().getAsInt(), argumentTypes.get(i))
                    : null;
            accumulators.get(i).add(groupIds, groupCount, argument, size, groupRows);
        }
        reservation.resize(estimatedStateBytes());
    }

    /**
     * Key column {@code k} of the batch: its unpacked values when it carries them, else packed
     * straight from the vector while the hash holds it packed.
     */
    private ColumnData keyColumn(Batch batch, EvaluationContext context, int k) {
        int key = groupKeys.get(k);
        ColumnType type = inputColumns.get(key).type();
        ColumnData unpacked = batch.unpackedData(key, type);
        if (unpacked != null) {
            return unpacked;
        }
        if (groupByHash.packsStrings(k)) {
            LongData packed = ColumnReader.readShortStrings(batch.vector(key), batch.selection(), batch.rowCount());
            if (packed != null) {
                return packed;
            }
        }
        return context.column(key, type);
    }

    /**
     * Combines the groups of {@code partial}, an aggregation of the same keys and calls over other
     * rows, whose keys fall in hash partition {@code partition} of {@code partitionCount}: their
     * keys join (or become) groups here and their accumulator states are merged in. Merging every
     * partition of every partial gives the groups of one aggregation over all their rows. Without
     * keys there is one partition.
     */
    public void merge(GroupedAggregation partial, int partition, int partitionCount) {
        int[] mapping;
        if (groupKeys.isEmpty()) {
            // the one group is in partition 0
            mapping = new int[] {partition == 0 ? 0 : -1};
        } else {
            mapping = groupByHash.mergeGroups(partial.groupByHash, partition, partitionCount);
            groupCount = groupByHash.groupCount();
        }
        for (int i = 0; i < accumulators.size(); i++) {
            accumulators.get(i).merge(partial.accumulators.get(i), mapping, groupCount);
        }
        reservation.resize(estimatedStateBytes());
    }

    /** The key columns then one column per call, for groups {@code from..from+count)}. */
    public List<ColumnData> output(int from, int count) {
        List<ColumnData> output = new ArrayList<>(groupKeys.size() + calls.size());
        if (!groupKeys.isEmpty()) {
            output.addAll(groupByHash.keys(from, count));
        }
        for (Accumulator accumulator : accumulators) {
            output.add(accumulator.result(from, count));
        }
        return output;
    }

    private long estimatedStateBytes() {
        long bytes = groupByHash.estimatedBytes();
        for (Accumulator accumulator : accumulators) {
            bytes += accumulator.estimatedBytes();
        }
        return bytes;
    }

    /** Gives the reserved memory back; the state must not be used after. */
    @Override
    public void close() {
        reservation.close();
    }
}
