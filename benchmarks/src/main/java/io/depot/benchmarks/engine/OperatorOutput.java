package io.depot.benchmarks.engine;

import io.depot.engine.batch.Batch;
import io.depot.engine.operator.Operator;

/** Pulls an operator to its end, as a query's consumer would. */
public final class OperatorOutput {
    private OperatorOutput() {}

    /** The number of rows the operator produces; each batch is closed as soon as it is counted. */
    public static long countRows(Operator operator) {
        long rows = 0;
        while (!operator.isFinished()) {
            try (Batch batch = operator.next()) {
                rows += batch == null ? 0 : batch.rowCount();
            }
        }
        return rows;
    }
}
