package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.engine.batch.WideDecimals;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * CAST where the source or the target is a DECIMAL wider than 18 digits. Between decimals and
 * integers the values move as 128-bit halves (exact upwards, rounded half-up when the scale
 * drops) and must fit the target's precision; DOUBLE, VARCHAR and BOOLEAN go through one
 * BigDecimal per row, like the text casts of {@link CastKernel}. DATE and TIMESTAMP do not convert.
 */
final class WideDecimalCastKernel implements Kernel {
    private final Kernel argument;
    private final ColumnType source;
    private final ColumnType target;

    WideDecimalCastKernel(Kernel argument, ColumnType source, ColumnType target) {
        this.argument = argument;
        this.source = source;
        this.target = target;
    }

    /** Whether this kernel, not {@link CastKernel}, casts from {@code source} to {@code target}. */
    static boolean handles(ColumnType source, ColumnType target) {
        return source.isWideDecimal() || target.isWideDecimal();
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        ColumnData input = argument.evaluate(context);
        int size = input.size();
        boolean[] nulls = input.nulls();
        if (target.kind() == TypeKind.VARCHAR) {
            StringData.Builder builder = new StringData.Builder(size, 24 * size);
            for (int i = 0; i < size; i++) {
                if (input.isNull(i)) {
                    builder.appendNull();
                } else {
                    builder.append(WideDecimals.toBigDecimal((StringData) input, i, source.scale()).toPlainString());
                }
            }
            return builder.build();
        }
        if (target.kind() == TypeKind.DOUBLE) {
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                if (!input.isNull(i)) {
                    values[i] = WideDecimals.toBigDecimal((StringData) input, i, source.scale()).doubleValue();
                }
            }
            return new DoubleData(values, nulls, size);
        }
        if (target.kind() == TypeKind.BOOLEAN) {
            boolean[] values = new boolean[size];
            StringData keys = (StringData) input;
            for (int i = 0; i < size; i++) {
                if (!input.isNull(i)) {
                    values[i] = WideDecimals.high(keys, i) != 0 || WideDecimals.low(keys, i) != 0;
                }
            }
            return new BooleanData(values, nulls, size);
        }
        long[] high = new long[size];
        long[] low = new long[size];
        long[] out = new long[2];
        boolean exact = input instanceof LongData || (input instanceof StringData && source.kind() == TypeKind.DECIMAL);
        if (exact) {
            WideDecimalArithmeticKernel.halves(input, high, low);
        }
        int targetScale = target.kind() == TypeKind.DECIMAL ? target.scale() : 0;
        int targetPrecision = switch (target.kind()) {
            case DECIMAL -> target.precision();
            case INTEGER -> 10;
            default -> 19;
        };
        for (int i = 0; i < size; i++) {
            if (input.isNull(i)) {
                continue;
            }
            if (exact) {
                rescale(high[i], low[i], source.kind() == TypeKind.DECIMAL ? source.scale() : 0, targetScale, out);
            } else {
                BigDecimal value;
                if (input instanceof StringData text) {
                    value = parse(text.string(i));
                } else if (input instanceof DoubleData doubles) {
                    value = finite(doubles.values()[i]);
                } else {
                    value = ((BooleanData) input).values()[i] ? BigDecimal.ONE : BigDecimal.ZERO;
                }
                fromBigDecimal(value.setScale(targetScale, RoundingMode.HALF_UP), out);
            }
            checkFits(out, targetPrecision, i, input);
            high[i] = out[0];
            low[i] = out[1];
        }
        if (target.isWideDecimal()) {
            return WideDecimals.of(high, low, nulls, size);
        }
        return new LongData(low, nulls, size);
    }

    private static void rescale(long high, long low, int fromScale, int toScale, long[] out) {
        if (toScale >= fromScale) {
            Int128Math.scaleUp(high, low, toScale - fromScale, out);
            return;
        }
        BigDecimal value = new BigDecimal(Int128Math.toBigInteger(high, low), fromScale)
                .setScale(toScale, RoundingMode.HALF_UP);
        fromBigDecimal(value, out);
    }

    private static void fromBigDecimal(BigDecimal value, long[] out) {
        Int128Math.fromBigInteger(value.unscaledValue(), 38, out);
    }

    /** The target's range: its precision, and for INTEGER and BIGINT their bit widths too. */
    private void checkFits(long[] value, int precision, int row, ColumnData input) {
        boolean fits = Int128Math.fitsPrecision(value[0], value[1], precision);
        if (fits && target.kind() == TypeKind.INTEGER) {
            fits = value[0] == (value[1] >> 63) && value[1] == (int) value[1];
        } else if (fits && target.kind() == TypeKind.BIGINT) {
            fits = value[0] == (value[1] >> 63);
        }
        if (!fits) {
            throw NumericErrors.overflow("value[" + text(input, row) + "] does not fit " + target);
        }
    }

    private String text(ColumnData input, int row) {
        if (input instanceof LongData longs) {
            return BigDecimal.valueOf(longs.values()[row], source.kind() == TypeKind.DECIMAL ? source.scale() : 0)
                    .toPlainString();
        }
        if (input instanceof StringData strings) {
            return source.isWideDecimal()
                    ? WideDecimals.toBigDecimal(strings, row, source.scale()).toPlainString()
                    : strings.string(row);
        }
        if (input instanceof DoubleData doubles) {
            return Double.toString(doubles.values()[row]);
        }
        return Boolean.toString(((BooleanData) input).values()[row]);
    }

    private BigDecimal parse(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw ValueText.cannotCast(text, target);
        }
    }

    private BigDecimal finite(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw NumericErrors.overflow("value[" + value + "] does not fit " + target);
        }
        return BigDecimal.valueOf(value);
    }
}
