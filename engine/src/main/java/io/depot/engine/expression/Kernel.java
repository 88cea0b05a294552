package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;

/**
 * A compiled expression: evaluates over all rows of a context at once, in type-specialized
 * loops chosen when the expression was compiled. Stateless apart from caches, so one kernel
 * serves every batch of a query.
 */
public interface Kernel {
    /** The expression's values for every row of the context, in a representation of its type. */
    ColumnData evaluate(EvaluationContext context);

    /**
     * The expression's values at the context's rows {@code rows[0..count)} only (ascending and
     * distinct, so {@code count == context.size()} means every row): row {@code j} of the result
     * is context row {@code rows[j]}. AND, OR and CASE evaluate their arguments this way on the
     * rows still open, so an argument runs on no other row (no error from a row it never sees).
     * By default the kernel runs over a subset context, which gathers a copy of each column it
     * reads; kernels whose inputs are plain columns and constants override this to read the
     * context's columns at the positions instead.
     */
    default ColumnData evaluateAt(EvaluationContext context, int[] rows, int count) {
        return evaluate(context.select(rows, count));
    }

    /**
     * For a BOOLEAN kernel used as a filter: writes to {@code out}, ascending, those of the
     * context's rows {@code rows[0..count)} (null: rows {@code 0..count)}, all of them) where the
     * value is TRUE, and returns how many. {@code out} may be {@code rows} itself: row {@code j}
     * is read before anything is written past {@code out[j]}. A filter wants the passing rows,
     * not a value per row; kernels that can produce them directly (a range, an AND of ranges)
     * override this and skip the value and NULL arrays.
     */
    default int selectTrue(EvaluationContext context, int[] rows, int count, int[] out) {
        BooleanData data = (BooleanData) (rows == null ? evaluate(context) : evaluateAt(context, rows, count));
        return collectTrue(data, rows, count, out);
    }

    /** The rows {@code rows[j]} (null: {@code j}) of {@code j < count} where {@code data} is TRUE, into {@code out}. */
    static int collectTrue(BooleanData data, int[] rows, int count, int[] out) {
        boolean[] values = data.values();
        boolean[] nulls = data.nulls();
        int selected = 0;
        // no branch per row: the row is written either way and kept only when TRUE
        if (rows == null) {
            for (int j = 0; j < count; j++) {
                out[selected] = j;
                selected += values[j] & (nulls == null || !nulls[j]) ? 1 : 0;
            }
        } else {
            for (int j = 0; j < count; j++) {
                out[selected] = rows[j];
                selected += values[j] & (nulls == null || !nulls[j]) ? 1 : 0;
            }
        }
        return selected;
    }
}
