package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;

/**
 * CAST between kinds. Numbers convert among themselves (to DECIMAL rounding half-up to its scale
 * and checking its precision; DOUBLE to an integer rounding to nearest, ties to even, as
 * PostgreSQL and DuckDB do); BOOLEAN converts to and from numbers as 1/0 and non-zero; DATE and
 * TIMESTAMP convert to each other; everything converts to VARCHAR in its canonical text (see
 * {@link ValueText}) and back by parsing, failing with a user error naming the value. DATE and
 * TIMESTAMP do not convert to or from BOOLEAN or numbers.
 */
final class CastKernel implements Kernel {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final Kernel argument;
    private final ColumnType source;
    private final ColumnType target;

    private CastKernel(Kernel argument, ColumnType source, ColumnType target) {
        this.argument = argument;
        this.source = source;
        this.target = target;
    }

    /** The kernel casting {@code argument} from {@code source} to {@code target}. */
    static Kernel of(Kernel argument, ColumnType source, ColumnType target) {
        if (source.equals(target)) {
            return argument;
        }
        boolean sourceTemporal = isTemporal(source.kind());
        boolean targetTemporal = isTemporal(target.kind());
        boolean viaText = source.kind() == TypeKind.VARCHAR || target.kind() == TypeKind.VARCHAR;
        if (sourceTemporal != targetTemporal && !viaText) {
            throw new DepotException(ErrorCode.USER, "Cannot cast " + source + " to " + target);
        }
        if (WideDecimalCastKernel.handles(source, target)) {
            return new WideDecimalCastKernel(argument, source, target);
        }
        return new CastKernel(argument, source, target);
    }

    private static boolean isTemporal(TypeKind kind) {
        return kind == TypeKind.DATE || kind == TypeKind.TIMESTAMP;
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        ColumnData input = argument.evaluate(context);
        return switch (target.kind()) {
            case VARCHAR -> toVarchar(input);
            case BOOLEAN -> toBoolean(input);
            case DOUBLE -> toDouble(input);
            default -> toLong(input);
        };
    }

    private StringData toVarchar(ColumnData input) {
        int size = input.size();
        StringData.Builder builder = new StringData.Builder(size, 8 * size);
        for (int i = 0; i < size; i++) {
            if (input.isNull(i)) {
                builder.appendNull();
            } else if (input instanceof LongData longs) {
                builder.append(ValueText.format(longs.values()[i], source));
            } else if (input instanceof DoubleData doubles) {
                builder.append(ValueText.formatDouble(doubles.values()[i]));
            } else {
                builder.append(((BooleanData) input).values()[i] ? "true" : "false");
            }
        }
        return builder.build();
    }

    private BooleanData toBoolean(ColumnData input) {
        int size = input.size();
        boolean[] result = new boolean[size];
        if (input instanceof LongData longs) {
            long[] values = longs.values();
            for (int i = 0; i < size; i++) {
                result[i] = values[i] != 0;
            }
        } else if (input instanceof DoubleData doubles) {
            double[] values = doubles.values();
            for (int i = 0; i < size; i++) {
                result[i] = values[i] != 0;
            }
        } else {
            StringData strings = (StringData) input;
            for (int i = 0; i < size; i++) {
                if (!strings.isNull(i)) {
                    result[i] = ValueText.parse(strings.string(i), ColumnType.BOOLEAN) != 0;
                }
            }
        }
        return new BooleanData(result, input.nulls(), size);
    }

    private DoubleData toDouble(ColumnData input) {
        int size = input.size();
        double[] result = new double[size];
        if (input instanceof LongData longs) {
            long[] values = longs.values();
            double divisor = Decimals.powerOfTen(source.scale());
            for (int i = 0; i < size; i++) {
                result[i] = values[i] / divisor;
            }
        } else if (input instanceof BooleanData booleans) {
            boolean[] values = booleans.values();
            for (int i = 0; i < size; i++) {
                result[i] = values[i] ? 1 : 0;
            }
        } else {
            StringData strings = (StringData) input;
            for (int i = 0; i < size; i++) {
                if (!strings.isNull(i)) {
                    result[i] = ValueText.parseDouble(strings.string(i));
                }
            }
        }
        return new DoubleData(result, input.nulls(), size);
    }

    /** Targets held as 64 bits: INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP. */
    private LongData toLong(ColumnData input) {
        int size = input.size();
        long[] result = new long[size];
        for (int i = 0; i < size; i++) {
            if (!input.isNull(i)) {
                result[i] = convertRow(input, i);
            }
        }
        return new LongData(result, input.nulls(), size);
    }

    private long convertRow(ColumnData input, int row) {
        if (input instanceof StringData strings) {
            return ValueText.parse(strings.string(row), target);
        }
        if (input instanceof BooleanData booleans) {
            return fromExactInteger(booleans.values()[row] ? 1 : 0);
        }
        if (input instanceof DoubleData doubles) {
            return fromDouble(doubles.values()[row]);
        }
        long value = ((LongData) input).values()[row];
        return switch (source.kind()) {
            case DATE -> target.kind() == TypeKind.TIMESTAMP ? Decimals.multiplyExact(value, MICROS_PER_DAY) : value;
            case TIMESTAMP -> target.kind() == TypeKind.DATE ? Math.floorDiv(value, MICROS_PER_DAY) : value;
            case DECIMAL -> fromDecimal(value);
            default -> fromExactInteger(value);
        };
    }

    // The value's text is built only when it does not fit: formatting every row for a message
    // that is almost never needed cost more than the cast itself.

    private long fromExactInteger(long value) {
        if (target.kind() == TypeKind.DECIMAL) {
            long unscaled;
            try {
                unscaled = Decimals.rescale(value, 0, target.scale());
            } catch (DepotException e) {
                throw doesNotFit(Long.toString(value));
            }
            if (!Decimals.fitsPrecision(unscaled, target.precision())) {
                throw doesNotFit(Long.toString(value));
            }
            return unscaled;
        }
        if (!fitsIntegerRange(value)) {
            throw doesNotFit(Long.toString(value));
        }
        return value;
    }

    private long fromDecimal(long unscaled) {
        long rescaled = Decimals.rescale(unscaled, source.scale(), target.kind() == TypeKind.DECIMAL ? target.scale() : 0);
        boolean fits = target.kind() == TypeKind.DECIMAL
                ? Decimals.fitsPrecision(rescaled, target.precision())
                : fitsIntegerRange(rescaled);
        if (!fits) {
            throw doesNotFit(BigDecimal.valueOf(unscaled, source.scale()).toPlainString());
        }
        return rescaled;
    }

    private long fromDouble(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw doesNotFit(Double.toString(value));
        }
        if (target.kind() == TypeKind.DECIMAL) {
            return ValueText.decimalToUnscaled(BigDecimal.valueOf(value), target);
        }
        double rounded = Math.rint(value);
        if (rounded < -0x1p63 || rounded >= 0x1p63 || !fitsIntegerRange((long) rounded)) {
            throw doesNotFit(Double.toString(value));
        }
        return (long) rounded;
    }

    private boolean fitsIntegerRange(long value) {
        return target.kind() != TypeKind.INTEGER || value == (int) value;
    }

    private DepotException doesNotFit(String text) {
        return NumericErrors.overflow("value[" + text + "] does not fit " + target);
    }
}
