package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import java.util.Arrays;
import java.util.List;

/**
 * AND and OR over two or more arguments with SQL's three-valued logic: for AND, FALSE beats NULL
 * beats TRUE; for OR, TRUE beats NULL beats FALSE. An argument is only evaluated on rows whose
 * outcome is still open, which both saves work and keeps guarded expressions from failing.
 */
final class LogicKernel implements Kernel {
    private final boolean isAnd;
    private final List<Kernel> arguments;

    LogicKernel(boolean isAnd, List<Kernel> arguments) {
        this.isAnd = isAnd;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public BooleanData evaluate(EvaluationContext context) {
        int size = context.size();
        // Until decided, a row's value is the identity: TRUE for AND, FALSE for OR.
        boolean[] values = new boolean[size];
        Arrays.fill(values, isAnd);
        boolean[] nulls = new boolean[size];
        boolean anyNull = false;
        int[] open = identity(size);
        int openCount = size;
        // The value that decides a row for good: FALSE for AND, TRUE for OR.
        boolean deciding = !isAnd;
        for (Kernel argument : arguments) {
            if (openCount == 0) {
                break;
            }
            BooleanData data = (BooleanData) argument.evaluate(context.select(open, openCount));
            boolean[] argumentValues = data.values();
            boolean[] argumentNulls = data.nulls();
            int stillOpen = 0;
            for (int j = 0; j < openCount; j++) {
                int row = open[j];
                if (Nulls.isNull(argumentNulls, j)) {
                    nulls[row] = true;
                    anyNull = true;
                    open[stillOpen++] = row;
                } else if (argumentValues[j] == deciding) {
                    values[row] = deciding;
                    nulls[row] = false;
                } else {
                    open[stillOpen++] = row;
                }
            }
            // Rows still open were compacted to the front of the array, which the next subset reads.
            openCount = stillOpen;
        }
        return new BooleanData(values, anyNull ? nulls : null, size);
    }

    static int[] identity(int size) {
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
