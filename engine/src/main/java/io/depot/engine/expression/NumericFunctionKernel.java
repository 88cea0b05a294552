package io.depot.engine.expression;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;

/**
 * ABS, ROUND(x, digits), FLOOR and CEIL on INTEGER, BIGINT, DECIMAL (unscaled values) and
 * DOUBLE. ROUND rounds half away from zero (PostgreSQL's numeric rounding, DuckDB's); a DECIMAL
 * result may have another scale than the argument (FLOOR and CEIL give scale 0).
 */
final class NumericFunctionKernel implements Kernel {
    private final Function function;
    private final Kernel argument;
    private final int argumentScale;
    private final int resultScale;
    private final int digits;

    /**
     * @param argumentScale the argument's DECIMAL scale, 0 for other types
     * @param digits ROUND's digits after the point (negative rounds to tens, hundreds...)
     */
    NumericFunctionKernel(Function function, Kernel argument, int argumentScale, int resultScale, int digits) {
        this.function = function;
        this.argument = argument;
        this.argumentScale = argumentScale;
        this.resultScale = resultScale;
        this.digits = digits;
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        ColumnData data = argument.evaluate(context);
        if (data instanceof DoubleData doubles) {
            return doubles(doubles);
        }
        LongData longs = (LongData) data;
        int size = longs.size();
        long[] input = longs.values();
        long[] result = new long[size];
        boolean[] nulls = longs.nulls();
        try {
            for (int row = 0; row < size; row++) {
                if (!Nulls.isNull(nulls, row)) {
                    result[row] = apply(input[row]);
                }
            }
        } catch (ArithmeticException e) {
            throw NumericErrors.overflow();
        }
        return new LongData(result, nulls, size);
    }

    /** On the unscaled value: the result at {@code resultScale}. */
    private long apply(long value) {
        return switch (function) {
            case ABS -> rescale(Math.absExact(value));
            case FLOOR -> rescale(roundTo(value, argumentScale, Math::floorDiv));
            case CEIL -> rescale(roundTo(value, argumentScale, (a, b) -> -Math.floorDiv(-a, b)));
            case ROUND -> {
                int dropped = argumentScale - digits;
                if (dropped <= 0) {
                    yield rescale(value);
                }
                // Round away the last `dropped` digits, keeping the argument's scale.
                long unit = Decimals.powerOfTen(Math.min(dropped, 18));
                long half = unit / 2;
                long rounded = value >= 0 ? (value + half) / unit : -((-value + half) / unit);
                yield rescale(Math.multiplyExact(rounded, unit));
            }
            default -> throw new IllegalStateException("not a numeric function: " + function);
        };
    }

    private interface Division {
        long divide(long dividend, long divisor);
    }

    /** The value rounded (by {@code division}) to an integer, still at scale 0. */
    private static long roundTo(long value, int scale, Division division) {
        return scale == 0 ? value : division.divide(value, Decimals.powerOfTen(scale));
    }

    /** From the argument's scale (FLOOR/CEIL: scale 0) to the result's. */
    private long rescale(long value) {
        int from = function == Function.FLOOR || function == Function.CEIL ? 0 : argumentScale;
        if (resultScale >= from) {
            return Math.multiplyExact(value, Decimals.powerOfTen(resultScale - from));
        }
        return value / Decimals.powerOfTen(from - resultScale);
    }

    private DoubleData doubles(DoubleData data) {
        int size = data.size();
        double[] input = data.values();
        double[] result = new double[size];
        double scale = Math.pow(10, digits);
        for (int row = 0; row < size; row++) {
            double value = input[row];
            result[row] = switch (function) {
                case ABS -> Math.abs(value);
                case FLOOR -> Math.floor(value);
                case CEIL -> Math.ceil(value);
                case ROUND -> Math.signum(value) * Math.floor(Math.abs(value) * scale + 0.5) / scale;
                default -> throw new IllegalStateException("not a numeric function: " + function);
            };
        }
        return new DoubleData(result, data.nulls(), size);
    }
}
