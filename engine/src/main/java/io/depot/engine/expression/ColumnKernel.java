package io.depot.engine.expression;

import io.depot.engine.batch.ColumnData;
import io.depot.storage.type.ColumnType;

/** An input column, unpacked once per context. */
final class ColumnKernel implements Kernel {
    private final int index;
    private final ColumnType type;

    ColumnKernel(int index, ColumnType type) {
        this.index = index;
        this.type = type;
    }

    int index() {
        return index;
    }

    ColumnType type() {
        return type;
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        return context.column(index, type);
    }
}
