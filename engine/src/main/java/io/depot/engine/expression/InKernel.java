package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import java.util.List;

/**
 * IN (value, item1, item2, ...), items of the value's type: TRUE when some item equals the value;
 * otherwise NULL when the value or some item is NULL; otherwise FALSE (SQL's
 * {@code value = item1 OR value = item2 ...}).
 */
final class InKernel implements Kernel {
    private final Kernel value;
    private final List<Kernel> items;

    InKernel(Kernel value, List<Kernel> items) {
        this.value = value;
        this.items = List.copyOf(items);
    }

    @Override
    public BooleanData evaluate(EvaluationContext context) {
        ColumnData valueData = value.evaluate(context);
        int size = context.size();
        boolean[] found = new boolean[size];
        boolean[] sawNull = new boolean[size];
        for (Kernel item : items) {
            ColumnData itemData = item.evaluate(context);
            int[] comparisons = ComparisonKernel.compare(valueData, itemData, size);
            boolean[] itemNulls = itemData.nulls();
            for (int i = 0; i < size; i++) {
                if (Nulls.isNull(itemNulls, i)) {
                    sawNull[i] = true;
                } else if (comparisons[i] == 0) {
                    found[i] = true;
                }
            }
        }
        boolean[] valueNulls = valueData.nulls();
        boolean[] nulls = new boolean[size];
        boolean anyNull = false;
        for (int i = 0; i < size; i++) {
            nulls[i] = Nulls.isNull(valueNulls, i) || (!found[i] && sawNull[i]);
            anyNull |= nulls[i];
        }
        return new BooleanData(found, anyNull ? nulls : null, size);
    }
}
