package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;

/** IS_NULL, IS_NOT_NULL (any type) and IS_TRUE, IS_FALSE (BOOLEAN); never NULL themselves. */
final class NullTestKernel implements Kernel {
    private final Function function;
    private final Kernel argument;

    NullTestKernel(Function function, Kernel argument) {
        this.function = function;
        this.argument = argument;
    }

    @Override
    public BooleanData evaluate(EvaluationContext context) {
        ColumnData data = argument.evaluate(context);
        return test(data, null, data.size());
    }

    /** A column is tested at the rows where it is; anything else is evaluated at the rows first. */
    @Override
    public BooleanData evaluateAt(EvaluationContext context, int[] rows, int count) {
        if (argument instanceof ColumnKernel && count < context.size()) {
            return test(argument.evaluate(context), rows, count);
        }
        return test(argument.evaluateAt(context, rows, count), null, count);
    }

    /** The test at rows {@code rows[0..count)} of the data, or at its rows {@code 0..count)} when {@code rows} is null. */
    private BooleanData test(ColumnData data, int[] rows, int count) {
        boolean[] nulls = data.nulls();
        boolean[] result = new boolean[count];
        switch (function) {
            case IS_NULL -> {
                for (int j = 0; j < count; j++) {
                    result[j] = Nulls.isNull(nulls, rows == null ? j : rows[j]);
                }
            }
            case IS_NOT_NULL -> {
                for (int j = 0; j < count; j++) {
                    result[j] = !Nulls.isNull(nulls, rows == null ? j : rows[j]);
                }
            }
            case IS_TRUE, IS_FALSE -> {
                boolean wanted = function == Function.IS_TRUE;
                boolean[] values = ((BooleanData) data).values();
                for (int j = 0; j < count; j++) {
                    int row = rows == null ? j : rows[j];
                    result[j] = !Nulls.isNull(nulls, row) && values[row] == wanted;
                }
            }
            default -> throw new IllegalStateException("not a null test: " + function);
        }
        return new BooleanData(result, null, count);
    }
}
