package io.depot.storage.ingest;

import io.depot.storage.type.ColumnType;
import java.time.DateTimeException;

/**
 * Narrows one column's type over every non-NULL value seen: BOOLEAN, BIGINT, DECIMAL(p,s),
 * DOUBLE, DATE, TIMESTAMP, else VARCHAR. A column with no value at all is VARCHAR.
 */
final class ColumnTypeInference {
    private boolean seenValue;
    private boolean maybeBoolean = true;
    private boolean maybeBigint = true;
    private boolean maybeDecimal = true;
    private boolean maybeDouble = true;
    private boolean maybeDate = true;
    private boolean maybeTimestamp = true;
    private int integerDigits;
    private int scale;

    /** Whether the column is VARCHAR whatever else comes: later values need not be observed. */
    boolean settled() {
        return seenValue && !(maybeBoolean || maybeBigint || maybeDecimal || maybeDouble || maybeDate || maybeTimestamp);
    }

    /** Takes one non-NULL value, already stripped of surrounding spaces. */
    void observe(String value) {
        seenValue = true;
        if (!(maybeBoolean || maybeBigint || maybeDecimal || maybeDouble || maybeDate || maybeTimestamp)) {
            return;
        }
        maybeBoolean = maybeBoolean && ValueSyntax.isBoolean(value);
        if (maybeBigint || maybeDecimal) {
            observeNumber(value);
        }
        maybeDouble = maybeDouble && ValueSyntax.isDouble(value);
        maybeDate = maybeDate && isDate(value);
        maybeTimestamp = maybeTimestamp && isTimestamp(value);
    }

    /**
     * Takes a value that the source marks as text (a JSON string): it may still be a DATE or
     * TIMESTAMP, but never a number or a boolean.
     */
    void observeText(String value) {
        maybeBoolean = false;
        maybeBigint = false;
        maybeDecimal = false;
        maybeDouble = false;
        observe(value);
    }

    private void observeNumber(String value) {
        long shape = ValueSyntax.plainNumberShape(value);
        if (shape == ValueSyntax.NOT_PLAIN) {
            maybeBigint = false;
            maybeDecimal = false;
            return;
        }
        int valueIntegerDigits = (int) (shape >>> 32);
        int valueScale = (int) shape;
        maybeBigint = maybeBigint && valueScale == 0 && ValueSyntax.fitsBigint(value, valueIntegerDigits);
        integerDigits = Math.max(integerDigits, valueIntegerDigits);
        scale = Math.max(scale, valueScale);
        maybeDecimal = maybeDecimal && integerDigits + scale <= ColumnType.MAX_DECIMAL_PRECISION;
    }

    /** Takes in what another inference saw (of another chunk of the input): as if it saw those values too. */
    void merge(ColumnTypeInference other) {
        seenValue |= other.seenValue;
        maybeBoolean &= other.maybeBoolean;
        maybeBigint &= other.maybeBigint;
        maybeDouble &= other.maybeDouble;
        maybeDate &= other.maybeDate;
        maybeTimestamp &= other.maybeTimestamp;
        integerDigits = Math.max(integerDigits, other.integerDigits);
        scale = Math.max(scale, other.scale);
        maybeDecimal = maybeDecimal && other.maybeDecimal
                && integerDigits + scale <= ColumnType.MAX_DECIMAL_PRECISION;
    }

    ColumnType result() {
        if (!seenValue) {
            return ColumnType.VARCHAR;
        }
        if (maybeBoolean) {
            return ColumnType.BOOLEAN;
        }
        if (maybeBigint) {
            return ColumnType.BIGINT;
        }
        if (maybeDecimal) {
            return ColumnType.decimal(Math.max(1, integerDigits + scale), scale);
        }
        if (maybeDouble) {
            return ColumnType.DOUBLE;
        }
        if (maybeDate) {
            return ColumnType.DATE;
        }
        if (maybeTimestamp) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.VARCHAR;
    }

    private static boolean isDate(String value) {
        if (!ValueSyntax.looksLikeDate(value)) {
            return false;
        }
        try {
            ValueSyntax.parseDate(value);
            return true;
        } catch (DateTimeException | ArithmeticException e) {
            return false;
        }
    }

    /** Dates count too, so a column mixing dates and timestamps becomes TIMESTAMP. */
    private static boolean isTimestamp(String value) {
        if (!ValueSyntax.looksLikeDate(value) && !ValueSyntax.looksLikeTimestamp(value)) {
            return false;
        }
        try {
            ValueSyntax.parseTimestamp(value);
            return true;
        } catch (DateTimeException | ArithmeticException e) {
            return false;
        }
    }
}
