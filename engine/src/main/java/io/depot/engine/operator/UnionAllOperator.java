package io.depot.engine.operator;

import io.depot.engine.batch.Batch;
import io.depot.storage.type.Column;
import java.util.List;

/** UNION ALL: the batches of each input in turn, passed on without copying. */
public final class UnionAllOperator implements Operator {
    private final List<Operator> inputs;
    private final List<Column> columns;
    private int current;

    public UnionAllOperator(List<Operator> inputs, List<Column> columns) {
        this.inputs = List.copyOf(inputs);
        this.columns = List.copyOf(columns);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Batch next() {
        while (current < inputs.size()) {
            Batch batch = inputs.get(current).next();
            if (batch != null) {
                return batch;
            }
            // Free an exhausted input's state before reading the next one.
            inputs.get(current).close();
            current++;
        }
        return null;
    }

    @Override
    public boolean isFinished() {
        return current >= inputs.size();
    }

    @Override
    public void close() {
        current = inputs.size();
        inputs.forEach(Operator::close);
    }
}
