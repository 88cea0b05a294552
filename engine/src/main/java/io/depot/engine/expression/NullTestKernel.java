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
        int size = data.size();
        boolean[] nulls = data.nulls();
        boolean[] result = new boolean[size];
        switch (function) {
            case IS_NULL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = Nulls.isNull(nulls, i);
                }
            }
            case IS_NOT_NULL -> {
                for (int i = 0; i < size; i++) {
                    result[i] = !Nulls.isNull(nulls, i);
                }
            }
            case IS_TRUE, IS_FALSE -> {
                boolean wanted = function == Function.IS_TRUE;
                boolean[] values = ((BooleanData) data).values();
                for (int i = 0; i < size; i++) {
                    result[i] = !Nulls.isNull(nulls, i) && values[i] == wanted;
                }
            }
            default -> throw new IllegalStateException("not a null test: " + function);
        }
        return new BooleanData(result, null, size);
    }
}
