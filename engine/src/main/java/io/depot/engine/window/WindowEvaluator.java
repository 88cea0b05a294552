package io.depot.engine.window;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.expression.EvaluationContext;
import io.depot.engine.expression.ExpressionCompiler;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.WindowCall;
import io.depot.engine.plan.WindowFrame;
import io.depot.engine.plan.WindowFunction;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import java.util.List;

/**
 * Computes the window calls of one window over input rows already sorted by partition and order
 * keys: partitions and peer groups once, frames once, then one result column per call, in the
 * sorted order.
 */
public final class WindowEvaluator {
    private final List<ColumnData> sortedColumns;
    private final List<ColumnType> types;
    private final int size;
    private final WindowPartitions partitions;
    private final WindowFrame frame;
    private final List<SortKey> orderKeys;
    private FrameBounds frames;

    /**
     * @param sortedColumns every input column, rows sorted by partition keys, then order keys
     * @param types the input column types
     */
    public WindowEvaluator(List<ColumnData> sortedColumns, List<ColumnType> types, int size, List<Integer> partitionKeys,
            List<SortKey> orderKeys, WindowFrame frame) {
        this.sortedColumns = List.copyOf(sortedColumns);
        this.types = List.copyOf(types);
        this.size = size;
        this.frame = frame;
        this.orderKeys = List.copyOf(orderKeys);
        this.partitions = WindowPartitions.of(size,
                partitionKeys.stream().map(sortedColumns::get).toList(),
                orderKeys.stream().map(key -> sortedColumns.get(key.column())).toList());
    }

    /** The call's values for every sorted row. */
    public ColumnData evaluate(WindowCall call) {
        ColumnData argument = call.argument().isPresent() ? sortedColumns.get(call.argument().getAsInt()) : null;
        ColumnType argumentType = call.argument().isPresent() ? types.get(call.argument().getAsInt()) : null;
        return switch (call.function()) {
            case ROW_NUMBER, RANK, DENSE_RANK, NTILE -> RankingFunctions.evaluate(call.function(), call.offset(),
                    partitions, size);
            case LAG, LEAD -> IndexedValues.gather(argument, argumentType, offsetPositions(call), defaultValue(call));
            case FIRST_VALUE, LAST_VALUE -> IndexedValues.gather(argument, argumentType,
                    firstOrLastPositions(call), ColumnData.allNull(argumentType, 1));
            case MIN, MAX -> IndexedValues.gather(argument, argumentType,
                    FrameAggregates.extremePositions(argument, call.function() == WindowFunction.MAX,
                            frames(), size),
                    ColumnData.allNull(argumentType, 1));
            case COUNT -> FrameAggregates.count(argument, frames(), size);
            case SUM, SUM0, AVG -> {
                if (argument instanceof DoubleData doubles) {
                    yield FrameAggregates.sumDoubles(call.function(), doubles, frames(), size);
                }
                if (argumentType.isWideDecimal()) {
                    yield FrameAggregates.sumWideDecimals(call.function(), (StringData) argument,
                            argumentType.scale(), call.type(), frames(), size);
                }
                if (!(argument instanceof LongData longs) || !argumentType.kind().isNumeric()) {
                    throw new DepotException(ErrorCode.USER,
                            "Window function[" + call.function() + "] is not defined for type[" + argumentType + "]");
                }
                yield FrameAggregates.sumLongs(call.function(), longs, argumentType.scale(), call.type(), frames(), size);
            }
        };
    }

    private int[] offsetPositions(WindowCall call) {
        long offset = call.function() == WindowFunction.LAG ? -call.offset() : call.offset();
        int[] positions = new int[size];
        for (int row = 0; row < size; row++) {
            long target = row + offset;
            boolean inside = target >= partitions.partitionStart[row] && target < partitions.partitionEnd[row];
            positions[row] = inside ? (int) target : IndexedValues.NONE;
        }
        return positions;
    }

    private int[] firstOrLastPositions(WindowCall call) {
        FrameBounds bounds = frames();
        boolean first = call.function() == WindowFunction.FIRST_VALUE;
        int[] positions = new int[size];
        for (int row = 0; row < size; row++) {
            int start = bounds.start[row];
            int end = bounds.end[row];
            positions[row] = start >= end ? IndexedValues.NONE : (first ? start : end - 1);
        }
        return positions;
    }

    /** LAG's and LEAD's default as one row of data. */
    private static ColumnData defaultValue(WindowCall call) {
        return ExpressionCompiler.compile(call.defaultValue())
                .evaluate(EvaluationContext.ofLoader(1, 0, index -> {
                    throw new IllegalStateException("a literal reads no column");
                }));
    }

    private FrameBounds frames() {
        if (frames == null) {
            boolean singleKey = orderKeys.size() == 1;
            SortKey key = singleKey ? orderKeys.get(0) : null;
            frames = FrameBounds.of(frame, partitions, size,
                    singleKey ? sortedColumns.get(key.column()) : null,
                    key, singleKey ? types.get(key.column()) : null);
        }
        return frames;
    }
}
