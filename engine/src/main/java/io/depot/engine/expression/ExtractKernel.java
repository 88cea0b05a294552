package io.depot.engine.expression;

import io.depot.engine.batch.LongData;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.util.Locale;

/**
 * EXTRACT(unit FROM date or timestamp) as BIGINT. Dates are epoch days and timestamps epoch
 * microseconds; the calendar fields come from integer arithmetic (proleptic Gregorian, as
 * java.time), with no object per row.
 */
final class ExtractKernel implements Kernel {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    /** The calendar field to extract. */
    enum Unit {
        YEAR, QUARTER, MONTH, DAY, HOUR, MINUTE, SECOND
    }

    private final Unit unit;
    private final Kernel argument;
    private final boolean timestamp;

    private ExtractKernel(Unit unit, Kernel argument, boolean timestamp) {
        this.unit = unit;
        this.argument = argument;
        this.timestamp = timestamp;
    }

    static ExtractKernel of(String unitName, Kernel argument, ColumnType argumentType) {
        Unit unit;
        try {
            unit = Unit.valueOf(unitName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DepotException(ErrorCode.USER, String.format("EXTRACT unit[%s] is not supported yet", unitName));
        }
        TypeKind kind = argumentType.kind();
        if (kind != TypeKind.DATE && kind != TypeKind.TIMESTAMP) {
            throw new DepotException(ErrorCode.INTERNAL, "EXTRACT needs a DATE or TIMESTAMP, not " + argumentType);
        }
        boolean timeUnit = unit == Unit.HOUR || unit == Unit.MINUTE || unit == Unit.SECOND;
        if (timeUnit && kind == TypeKind.DATE) {
            throw new DepotException(ErrorCode.USER, String.format("Cannot extract %s from a DATE", unit));
        }
        return new ExtractKernel(unit, argument, kind == TypeKind.TIMESTAMP);
    }

    @Override
    public LongData evaluate(EvaluationContext context) {
        LongData data = (LongData) argument.evaluate(context);
        long[] values = data.values();
        long[] result = new long[data.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = extract(values[i]);
        }
        return new LongData(result, data.nulls(), data.size());
    }

    private long extract(long value) {
        long days = timestamp ? Math.floorDiv(value, MICROS_PER_DAY) : value;
        return switch (unit) {
            case YEAR -> yearOf(days);
            case QUARTER -> (monthOf(days) + 2) / 3;
            case MONTH -> monthOf(days);
            case DAY -> dayOf(days);
            case HOUR -> Math.floorMod(value, MICROS_PER_DAY) / (3_600L * MICROS_PER_SECOND);
            case MINUTE -> Math.floorMod(value, 3_600L * MICROS_PER_SECOND) / (60L * MICROS_PER_SECOND);
            case SECOND -> Math.floorMod(value, 60L * MICROS_PER_SECOND) / MICROS_PER_SECOND;
        };
    }

    // Howard Hinnant's civil_from_days: eras of 400 years starting on March 1st.

    static long yearOf(long epochDays) {
        long shifted = epochDays + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0);
    }

    static long monthOf(long epochDays) {
        long dayOfYear = marchBasedDayOfYear(epochDays);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        return monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    }

    static long dayOf(long epochDays) {
        long dayOfYear = marchBasedDayOfYear(epochDays);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        return dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    }

    /** Days since the March 1st that starts the year containing {@code epochDays}. */
    private static long marchBasedDayOfYear(long epochDays) {
        long shifted = epochDays + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        return dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    }
}
