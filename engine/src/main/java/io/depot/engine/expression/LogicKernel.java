package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import java.util.Arrays;
import java.util.List;

/**
 * AND and OR over two or more arguments with SQL's three-valued logic: for AND, FALSE beats NULL
 * beats TRUE; for OR, TRUE beats NULL beats FALSE. An argument is only evaluated on rows whose
 * outcome is still open ({@link Kernel#evaluateAt}), which both saves work and keeps guarded
 * expressions from failing.
 */
final class LogicKernel implements Kernel {
    private final boolean isAnd;
    private final List<Kernel> arguments;
    /**
     * Whether, as a filter, this AND narrows the rows argument by argument ({@link #selectTrue}):
     * only when no argument can fail, since a later argument then no longer sees the rows an
     * earlier one made NULL (they cannot pass either way), and an error there would vanish.
     */
    private final boolean narrowsRows;

    LogicKernel(boolean isAnd, List<Kernel> arguments) {
        this.isAnd = isAnd;
        this.arguments = List.copyOf(arguments);
        this.narrowsRows = isAnd && this.arguments.stream().allMatch(ConjunctOrder::neverFails);
    }

    /** The arguments in evaluation order. */
    List<Kernel> arguments() {
        return arguments;
    }

    @Override
    public BooleanData evaluate(EvaluationContext context) {
        return evaluateOver(context, null, context.size());
    }

    @Override
    public BooleanData evaluateAt(EvaluationContext context, int[] rows, int count) {
        return evaluateOver(context, count == context.size() ? null : rows, count);
    }

    @Override
    public int selectTrue(EvaluationContext context, int[] rows, int count, int[] out) {
        if (!narrowsRows || count == 0) {
            return Kernel.super.selectTrue(context, rows, count, out);
        }
        // each argument keeps, of the rows every earlier one found TRUE, those it finds TRUE
        int[] open = rows;
        int openCount = count;
        for (Kernel argument : arguments) {
            openCount = argument.selectTrue(context, open, openCount, out);
            open = out;
            if (openCount == 0) {
                break;
            }
        }
        return openCount;
    }

    /** The outcome at the context's rows {@code rows[0..count)}, or at all its rows when {@code rows} is null. */
    private BooleanData evaluateOver(EvaluationContext context, int[] rows, int count) {
        // Until decided, a row's value is the identity: TRUE for AND, FALSE for OR.
        boolean[] values = new boolean[count];
        Arrays.fill(values, isAnd);
        boolean[] nulls = new boolean[count];
        boolean anyNull = false;
        // open: the undecided rows as indexes into the result; openRows: the same rows of the context,
        // one array when those are the same numbers (the narrowing below tolerates that)
        int[] open = identity(count);
        int[] openRows = rows == null ? open : Arrays.copyOf(rows, count);
        int openCount = count;
        // The value that decides a row for good: FALSE for AND, TRUE for OR.
        boolean deciding = !isAnd;
        for (Kernel argument : arguments) {
            if (openCount == 0) {
                break;
            }
            BooleanData data = (BooleanData) argument.evaluateAt(context, openRows, openCount);
            boolean[] argumentValues = data.values();
            boolean[] argumentNulls = data.nulls();
            int stillOpen = argumentNulls == null
                    ? narrowWithoutNulls(argumentValues, values, anyNull ? nulls : null, open, openRows, openCount,
                            deciding)
                    : narrowWithNulls(argumentValues, argumentNulls, values, nulls, open, openRows, openCount, deciding);
            anyNull |= argumentNulls != null && stillOpen > 0 && anyNullAmong(nulls, open, stillOpen);
            // Rows still open were compacted to the front of the arrays, which the next argument reads.
            openCount = stillOpen;
        }
        return new BooleanData(values, anyNull ? nulls : null, count);
    }

    /**
     * The open rows' outcome after an argument without NULLs: a row takes the argument's value
     * (the deciding value decides it; otherwise it is the identity it already had) and stays open
     * unless decided. No branch per row: the row is written to the next open slot either way and
     * the slot count only advances for rows that stay open, since filter outcomes are too random
     * for branch prediction. {@code nulls} (null while no row is NULL) loses the rows decided.
     */
    private static int narrowWithoutNulls(boolean[] argumentValues, boolean[] values, boolean[] nulls, int[] open,
            int[] openRows, int openCount, boolean deciding) {
        int stillOpen = 0;
        for (int j = 0; j < openCount; j++) {
            int row = open[j];
            boolean value = argumentValues[j];
            values[row] = value;
            if (nulls != null) {
                nulls[row] &= value != deciding;
            }
            open[stillOpen] = row;
            openRows[stillOpen] = openRows[j];
            stillOpen += value == deciding ? 0 : 1;
        }
        return stillOpen;
    }

    /**
     * As {@link #narrowWithoutNulls}, for an argument with NULLs: a NULL keeps the row open and
     * makes it NULL unless a later argument decides it; a decided row is no longer NULL.
     */
    private static int narrowWithNulls(boolean[] argumentValues, boolean[] argumentNulls, boolean[] values,
            boolean[] nulls, int[] open, int[] openRows, int openCount, boolean deciding) {
        int stillOpen = 0;
        for (int j = 0; j < openCount; j++) {
            int row = open[j];
            if (argumentNulls[j]) {
                nulls[row] = true;
                openRows[stillOpen] = openRows[j];
                open[stillOpen++] = row;
            } else if (argumentValues[j] == deciding) {
                values[row] = deciding;
                nulls[row] = false;
            } else {
                openRows[stillOpen] = openRows[j];
                open[stillOpen++] = row;
            }
        }
        return stillOpen;
    }

    private static boolean anyNullAmong(boolean[] nulls, int[] rows, int count) {
        for (int j = 0; j < count; j++) {
            if (nulls[rows[j]]) {
                return true;
            }
        }
        return false;
    }

    static int[] identity(int size) {
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
