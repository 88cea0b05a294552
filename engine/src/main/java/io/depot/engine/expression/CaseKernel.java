package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnDataMerger;
import io.depot.storage.type.ColumnType;
import java.util.List;

/**
 * CASE (cond1, value1, cond2, value2, ..., [else]): each row takes the value of the first
 * condition that is TRUE, else the else value, else NULL. Each value is evaluated only on the
 * rows that take it, so a branch guarded by its condition never fails on other rows.
 */
final class CaseKernel implements Kernel {
    private final ColumnType type;
    private final List<Kernel> conditions;
    private final List<Kernel> values;
    private final Kernel otherwise;

    /** @param otherwise null when the CASE has no ELSE */
    CaseKernel(ColumnType type, List<Kernel> conditions, List<Kernel> values, Kernel otherwise) {
        this.type = type;
        this.conditions = List.copyOf(conditions);
        this.values = List.copyOf(values);
        this.otherwise = otherwise;
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        int size = context.size();
        ColumnDataMerger merger = new ColumnDataMerger(type, size);
        int[] open = LogicKernel.identity(size);
        int openCount = size;
        for (int branch = 0; branch < conditions.size() && openCount > 0; branch++) {
            BooleanData condition = (BooleanData) conditions.get(branch).evaluateAt(context, open, openCount);
            int[] takenRows = new int[openCount];
            int[] remaining = new int[openCount];
            int takenCount = 0;
            int stillOpen = 0;
            for (int j = 0; j < openCount; j++) {
                if (condition.isTrue(j)) {
                    takenRows[takenCount++] = open[j];
                } else {
                    remaining[stillOpen++] = open[j];
                }
            }
            if (takenCount > 0) {
                merger.put(takenRows, takenCount, values.get(branch).evaluateAt(context, takenRows, takenCount));
            }
            open = remaining;
            openCount = stillOpen;
        }
        if (otherwise != null && openCount > 0) {
            merger.put(open, openCount, otherwise.evaluateAt(context, open, openCount));
        }
        return merger.build();
    }
}
