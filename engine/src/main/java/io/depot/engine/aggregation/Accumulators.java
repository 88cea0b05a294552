package io.depot.engine.aggregation;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.plan.AggregateCall;
import io.depot.engine.plan.AggregateFunction;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.List;

/** Chooses the accumulator for an aggregate call and its input type. */
public final class Accumulators {
    private Accumulators() {}

    /**
     * One accumulator per call ({@code inputTypes} by call, null for COUNT(*)). A SUM or AVG of an
     * integer or decimal argument that an earlier SUM or AVG (neither DISTINCT) already sums
     * shares that one's state, so the column is summed once.
     */
    public static List<Accumulator> createAll(List<AggregateCall> calls, List<ColumnType> inputTypes) {
        List<Accumulator> accumulators = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            AggregateCall call = calls.get(i);
            Accumulator shared = null;
            for (int j = 0; j < i && shared == null && sumsArgument(call); j++) {
                if (sumsArgument(calls.get(j)) && calls.get(j).argument().equals(call.argument())
                        && accumulators.get(j) instanceof LongSumAccumulator owner) {
                    shared = owner.sharedResult(call.type(), call.function() == AggregateFunction.AVG);
                }
            }
            accumulators.add(shared != null ? shared : create(call, inputTypes.get(i)));
        }
        return accumulators;
    }

    private static boolean sumsArgument(AggregateCall call) {
        return (call.function() == AggregateFunction.SUM || call.function() == AggregateFunction.AVG)
                && !call.distinct() && call.argument().isPresent();
    }

    /** @param inputType the argument's type; ignored for COUNT(*) */
    public static Accumulator create(AggregateCall call, ColumnType inputType) {
        Accumulator accumulator = createForAllRows(call, inputType);
        if (!call.distinct()) {
            return accumulator;
        }
        if (call.argument().isEmpty()) {
            throw new DepotException(ErrorCode.USER, call.function() + "(DISTINCT) needs an argument");
        }
        return new DistinctAccumulator(accumulator, inputType);
    }

    private static Accumulator createForAllRows(AggregateCall call, ColumnType inputType) {
        AggregateFunction function = call.function();
        if (function == AggregateFunction.COUNT) {
            return new CountAccumulator();
        }
        boolean numeric = inputType.kind().isNumeric();
        return switch (function) {
            case SUM, AVG -> {
                if (!numeric) {
                    throw new DepotException(ErrorCode.USER,
                            "Aggregate[" + function + "] is not defined for type[" + inputType + "]");
                }
                boolean averaging = function == AggregateFunction.AVG;
                yield switch (inputType.kind()) {
                    case DOUBLE -> new DoubleSumAccumulator(averaging);
                    default -> new LongSumAccumulator(inputType.scale(), call.type(), averaging);
                };
            }
            case MIN, MAX -> {
                boolean maximum = function == AggregateFunction.MAX;
                yield switch (inputType.kind()) {
                    case BOOLEAN -> new ConvertingAccumulator(new LongExtremeAccumulator(maximum),
                            input -> ((BooleanData) input).toLongData(),
                            result -> BooleanData.fromLongData((LongData) result));
                    case DOUBLE -> new ConvertingAccumulator(new LongExtremeAccumulator(maximum),
                            input -> ((DoubleData) input).toSortableLongData(),
                            result -> DoubleData.fromSortableLongData((LongData) result));
                    case VARCHAR -> new StringExtremeAccumulator(maximum);
                    // Wide decimals are 16-byte keys whose byte order is numeric order.
                    default -> inputType.isWideDecimal()
                            ? new StringExtremeAccumulator(maximum) : new LongExtremeAccumulator(maximum);
                };
            }
            case VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> {
                if (!numeric) {
                    throw new DepotException(ErrorCode.USER,
                            "Aggregate[" + function + "] is not defined for type[" + inputType + "]");
                }
                yield new VarianceAccumulator(function, inputType, call.type());
            }
            case COUNT -> throw new IllegalStateException("handled above");
        };
    }
}
