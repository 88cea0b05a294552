package io.depot.engine.expression;

import io.depot.engine.batch.DoubleData;

/** ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO and NEGATE on DOUBLE; dividing by zero is a user error. */
final class DoubleArithmeticKernel implements Kernel {
    private final Function function;
    private final Kernel left;
    private final Kernel right;

    /** @param right null for NEGATE */
    DoubleArithmeticKernel(Function function, Kernel left, Kernel right) {
        this.function = function;
        this.left = left;
        this.right = right;
    }

    @Override
    public DoubleData evaluate(EvaluationContext context) {
        DoubleData leftData = (DoubleData) left.evaluate(context);
        int size = context.size();
        double[] a = leftData.values();
        double[] result = new double[size];
        if (function == Function.NEGATE) {
            for (int i = 0; i < size; i++) {
                result[i] = -a[i];
            }
            return new DoubleData(result, leftData.nulls(), size);
        }
        DoubleData rightData = (DoubleData) right.evaluate(context);
        boolean[] nulls = Nulls.union(leftData.nulls(), rightData.nulls(), size);
        double[] b = rightData.values();
        switch (function) {
            case ADD -> {
                for (int i = 0; i < size; i++) {
                    result[i] = a[i] + b[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < size; i++) {
                    result[i] = a[i] - b[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < size; i++) {
                    result[i] = a[i] * b[i];
                }
            }
            case DIVIDE, MODULO -> {
                boolean divide = function == Function.DIVIDE;
                for (int i = 0; i < size; i++) {
                    if (!Nulls.isNull(nulls, i)) {
                        if (b[i] == 0) {
                            throw NumericErrors.divisionByZero();
                        }
                        result[i] = divide ? a[i] / b[i] : a[i] % b[i];
                    }
                }
            }
            default -> throw new IllegalStateException("not arithmetic: " + function);
        }
        return new DoubleData(result, nulls, size);
    }
}
