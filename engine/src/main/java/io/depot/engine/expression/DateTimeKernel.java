package io.depot.engine.expression;

import io.depot.engine.batch.LongData;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.Locale;

/**
 * DATE_TRUNC(unit, value) and date arithmetic with a non-constant operand (DATE_ADD_DAYS,
 * DATE_ADD_MONTHS, TIMESTAMP_ADD_MICROS) on the integer forms: DATE as epoch days, TIMESTAMP as
 * epoch microseconds. Month arithmetic clamps the day to the new month's length (Jan 31 + 1
 * month = Feb 29 in a leap year), as PostgreSQL and DuckDB do.
 */
final class DateTimeKernel implements Kernel {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    /** What to do to each value. */
    enum Operation {
        TRUNC_YEAR, TRUNC_QUARTER, TRUNC_MONTH, TRUNC_WEEK, TRUNC_DAY, TRUNC_HOUR, TRUNC_MINUTE, TRUNC_SECOND,
        ADD_DAYS, ADD_MONTHS, ADD_MICROS
    }

    private final Operation operation;
    private final Kernel value;
    private final Kernel amount;
    private final boolean timestamp;

    /** @param amount the days, months or microseconds to add; null for truncation */
    DateTimeKernel(Operation operation, Kernel value, Kernel amount, boolean timestamp) {
        this.operation = operation;
        this.value = value;
        this.amount = amount;
        this.timestamp = timestamp;
    }

    /** DATE_TRUNC's unit, as written ('month', 'YEAR', ...). */
    static Operation truncation(String unit, boolean timestamp) {
        Operation operation;
        try {
            operation = Operation.valueOf("TRUNC_" + unit.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DepotException(ErrorCode.USER, "DATE_TRUNC unit[" + unit + "] is not one of "
                    + "year, quarter, month, week, day, hour, minute, second");
        }
        if (!timestamp && operation.compareTo(Operation.TRUNC_DAY) > 0) {
            throw new DepotException(ErrorCode.USER, "DATE_TRUNC unit[" + unit + "] needs a TIMESTAMP");
        }
        return operation;
    }

    @Override
    public LongData evaluate(EvaluationContext context) {
        LongData values = (LongData) value.evaluate(context);
        LongData amounts = amount == null ? null : (LongData) amount.evaluate(context);
        int size = values.size();
        boolean[] nulls = amounts == null ? values.nulls() : Nulls.union(values.nulls(), amounts.nulls(), size);
        long[] input = values.values();
        long[] result = new long[size];
        try {
            for (int row = 0; row < size; row++) {
                if (!Nulls.isNull(nulls, row)) {
                    result[row] = apply(input[row], amounts == null ? 0 : amounts.values()[row]);
                }
            }
        } catch (ArithmeticException e) {
            throw NumericErrors.overflow("date out of range");
        }
        return new LongData(result, nulls, size);
    }

    private long apply(long value, long amount) {
        long days = timestamp ? Math.floorDiv(value, MICROS_PER_DAY) : value;
        long timeOfDay = timestamp ? Math.floorMod(value, MICROS_PER_DAY) : 0;
        return switch (operation) {
            case TRUNC_YEAR -> at(daysFromCivil(ExtractKernel.yearOf(days), 1, 1), 0);
            case TRUNC_QUARTER -> at(daysFromCivil(ExtractKernel.yearOf(days),
                    (ExtractKernel.monthOf(days) - 1) / 3 * 3 + 1, 1), 0);
            case TRUNC_MONTH -> at(daysFromCivil(ExtractKernel.yearOf(days), ExtractKernel.monthOf(days), 1), 0);
            // ISO weeks start on Monday; 1970-01-01 was a Thursday.
            case TRUNC_WEEK -> at(days - Math.floorMod(days + 3, 7), 0);
            case TRUNC_DAY -> at(days, 0);
            case TRUNC_HOUR -> at(days, timeOfDay - timeOfDay % (3_600L * MICROS_PER_SECOND));
            case TRUNC_MINUTE -> at(days, timeOfDay - timeOfDay % (60L * MICROS_PER_SECOND));
            case TRUNC_SECOND -> at(days, timeOfDay - timeOfDay % MICROS_PER_SECOND);
            case ADD_DAYS -> at(Math.addExact(days, amount), timeOfDay);
            case ADD_MONTHS -> at(addMonths(days, amount), timeOfDay);
            case ADD_MICROS -> Math.addExact(value, amount);
        };
    }

    private long at(long days, long timeOfDay) {
        return timestamp ? Math.addExact(Math.multiplyExact(days, MICROS_PER_DAY), timeOfDay) : days;
    }

    private static long addMonths(long days, long months) {
        long monthIndex = Math.addExact(ExtractKernel.yearOf(days) * 12 + ExtractKernel.monthOf(days) - 1, months);
        long year = Math.floorDiv(monthIndex, 12);
        long month = Math.floorMod(monthIndex, 12) + 1;
        long day = Math.min(ExtractKernel.dayOf(days), daysInMonth(year, month));
        return daysFromCivil(year, month, day);
    }

    private static long daysInMonth(long year, long month) {
        return daysFromCivil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1)
                - daysFromCivil(year, month, 1);
    }

    /** Howard Hinnant's days_from_civil: epoch days of a proleptic Gregorian date. */
    static long daysFromCivil(long year, long month, long day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
