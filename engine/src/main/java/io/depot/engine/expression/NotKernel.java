package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;

/** NOT: flips TRUE and FALSE, keeps NULL. */
final class NotKernel implements Kernel {
    private final Kernel argument;

    NotKernel(Kernel argument) {
        this.argument = argument;
    }

    @Override
    public BooleanData evaluate(EvaluationContext context) {
        return not((BooleanData) argument.evaluate(context));
    }

    @Override
    public BooleanData evaluateAt(EvaluationContext context, int[] rows, int count) {
        return not((BooleanData) argument.evaluateAt(context, rows, count));
    }

    private static BooleanData not(BooleanData data) {
        boolean[] values = data.values();
        boolean[] result = new boolean[data.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = !values[i];
        }
        return new BooleanData(result, data.nulls(), data.size());
    }
}
