package io.depot.engine.expression;

import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnDataMerger;
import io.depot.storage.type.ColumnType;
import java.util.List;

/** COALESCE: the first non-NULL argument; later arguments are evaluated only where still NULL. */
final class CoalesceKernel implements Kernel {
    private final ColumnType type;
    private final List<Kernel> arguments;

    CoalesceKernel(ColumnType type, List<Kernel> arguments) {
        this.type = type;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public ColumnData evaluate(EvaluationContext context) {
        int size = context.size();
        ColumnDataMerger merger = new ColumnDataMerger(type, size);
        int[] open = LogicKernel.identity(size);
        int openCount = size;
        for (int index = 0; index < arguments.size() && openCount > 0; index++) {
            ColumnData data = arguments.get(index).evaluateAt(context, open, openCount);
            // The whole piece goes in; rows where it is NULL stay open for the next argument.
            merger.put(open, openCount, data);
            int stillOpen = 0;
            for (int j = 0; j < openCount; j++) {
                if (data.isNull(j)) {
                    open[stillOpen++] = open[j];
                }
            }
            openCount = stillOpen;
        }
        return merger.build();
    }
}
