package io.depot.engine.operator;

import static java.util.Objects.requireNonNull;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.Expression;
import io.depot.storage.type.Column;
import java.util.List;

/** Keeps the rows for which the condition is TRUE; narrows selections instead of copying. */
public final class FilterOperator implements Operator {
    private final Operator input;
    private final BatchFilter filter;

    public FilterOperator(Operator input, Expression condition) {
        this.input = requireNonNull(input, "input is null");
        this.filter = new BatchFilter(requireNonNull(condition, "condition is null"));
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public Batch next() {
        while (true) {
            Batch batch = input.next();
            if (batch == null) {
                return null;
            }
            Batch filtered = filter.apply(batch);
            if (filtered != null) {
                return filtered;
            }
        }
    }

    @Override
    public boolean isFinished() {
        return input.isFinished();
    }

    @Override
    public void close() {
        input.close();
    }
}
