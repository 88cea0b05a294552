package io.depot.engine.expression;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.WideDecimals;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.Int128;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * ABS, ROUND(x, digits), FLOOR and CEIL where the argument or the result is a DECIMAL wider than
 * 18 digits, with {@link NumericFunctionKernel}'s rounding rules (ROUND half away from zero,
 * FLOOR/CEIL to integers). Each row goes through one BigDecimal: these functions are rare on wide
 * columns, and BigDecimal's rounding modes are exactly the ones needed.
 */
final class WideDecimalFunctionKernel implements Kernel {
    private final Function function;
    private final Kernel argument;
    private final ColumnType argumentType;
    private final ColumnType resultType;
    private final int digits;

    WideDecimalFunctionKernel(Function function, Kernel argument, ColumnType argumentType, ColumnType resultType,
            int digits) {
        this.function = function;
        this.argument = argument;
        this.argumentType = argumentType;
        this.resultType = resultType;
        this.digits = digits;
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        ColumnData data = argument.evaluate(context);
        int size = data.size();
        long[] high = new long[size];
        long[] low = new long[size];
        WideDecimalArithmeticKernel.halves(data, high, low);
        boolean[] nulls = data.nulls();
        for (int row = 0; row < size; row++) {
            if (Nulls.isNull(nulls, row)) {
                continue;
            }
            BigDecimal value = Int128.toBigDecimal(high[row], low[row], argumentType.scale());
            BigDecimal result = switch (function) {
                case ABS -> value.abs();
                case FLOOR -> value.setScale(0, RoundingMode.FLOOR);
                case CEIL -> value.setScale(0, RoundingMode.CEILING);
                case ROUND -> value.setScale(digits, RoundingMode.HALF_UP);
                default -> throw new IllegalStateException("not a numeric function: " + function);
            };
            BigInteger unscaled = result.setScale(resultType.scale(), RoundingMode.DOWN).unscaledValue();
            if (unscaled.abs().compareTo(BigInteger.TEN.pow(resultType.precision())) >= 0) {
                throw NumericErrors.overflow();
            }
            high[row] = Int128.high(unscaled);
            low[row] = Int128.low(unscaled);
        }
        if (resultType.isWideDecimal()) {
            return WideDecimals.of(high, low, nulls, size);
        }
        return new LongData(low, nulls, size);
    }
}
