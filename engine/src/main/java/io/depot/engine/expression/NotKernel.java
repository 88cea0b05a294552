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
        BooleanData data = (BooleanData) argument.evaluate(context);
        boolean[] values = data.values();
        boolean[] result = new boolean[data.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = !values[i];
        }
        return new BooleanData(result, data.nulls(), data.size());
    }
}
