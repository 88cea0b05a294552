package io.depot.engine.expression;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import java.util.List;

/**
 * IN (value, item1, item2, ...), items of the value's type: TRUE when some item equals the value;
 * otherwise NULL when the value or some item is NULL; otherwise FALSE (SQL's
 * {@code value = item1 OR value = item2 ...}). A list of constants is tested in one pass over the
 * value, at the selected rows of a column where it is ({@link #evaluateAt}).
 */
final class InKernel implements Kernel {
    private final Kernel value;
    private final List<Kernel> items;
    /** The non-NULL items when every item is a constant, else null. */
    private final List<LiteralKernel> constants;
    /** The non-NULL constants as strings (VARCHAR, wide DECIMAL keys), when every item is a constant. */
    private final StringConstantSet stringConstants;
    /** Whether some constant item is NULL (so a value matching no item is NULL, not FALSE). */
    private final boolean nullConstant;

    InKernel(Kernel value, List<Kernel> items) {
        this.value = value;
        this.items = List.copyOf(items);
        boolean allConstant = this.items.stream().allMatch(item -> item instanceof LiteralKernel);
        this.constants = allConstant
                ? this.items.stream().map(item -> (LiteralKernel) item).filter(item -> !item.isNull()).toList()
                : null;
        this.nullConstant = allConstant && this.constants.size() < this.items.size();
        this.stringConstants = allConstant
                ? new StringConstantSet(this.constants.stream().map(LiteralKernel::constantBytes).toArray(ConstantBytes[]::new))
                : null;
    }

    Kernel value() {
        return value;
    }

    /** Whether this tests a column against constants only (so it never fails). */
    boolean testsColumnAgainstConstants() {
        return value instanceof ColumnKernel && constants != null;
    }

    @Override
    public BooleanData evaluate(EvaluationContext context) {
        ColumnData valueData = value.evaluate(context);
        int size = context.size();
        if (constants != null) {
            return inConstants(valueData, null, size);
        }
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

    @Override
    public BooleanData evaluateAt(EvaluationContext context, int[] rows, int count) {
        if (constants != null && value instanceof ColumnKernel column && count < context.size()
                && !context.loadsRows(column.index(), count)) {
            return inConstants(value.evaluate(context), rows, count);
        }
        return (BooleanData) Kernel.super.evaluateAt(context, rows, count);
    }

    /** The test against the constants at rows {@code rows[0..count)} of the values, or {@code 0..count)} when rows is null. */
    private BooleanData inConstants(ColumnData values, int[] rows, int count) {
        boolean[] found = values instanceof StringData strings ? findStrings(strings, rows, count)
                : findValues(values, rows, count);
        boolean[] valueNulls = values.nulls();
        if (valueNulls == null && !nullConstant) {
            return new BooleanData(found, null, count);
        }
        boolean[] nulls = new boolean[count];
        boolean anyNull = false;
        for (int j = 0; j < count; j++) {
            nulls[j] = Nulls.isNull(valueNulls, rows == null ? j : rows[j]) || (nullConstant && !found[j]);
            anyNull |= nulls[j];
        }
        return new BooleanData(found, anyNull ? nulls : null, count);
    }

    /** One pass over the strings, each tested against all constants at once. */
    private boolean[] findStrings(StringData strings, int[] rows, int count) {
        boolean[] found = new boolean[count];
        byte[] bytes = strings.bytes();
        int[] offsets = strings.offsets();
        for (int j = 0; j < count; j++) {
            int row = rows == null ? j : rows[j];
            found[j] = stringConstants.contains(bytes, offsets[row], offsets[row + 1]);
        }
        return found;
    }

    /** Numbers and booleans: one tight pass per constant. */
    private boolean[] findValues(ColumnData values, int[] rows, int count) {
        boolean[] found = new boolean[count];
        for (LiteralKernel constant : constants) {
            if (values instanceof LongData longs) {
                long[] data = longs.values();
                long item = constant.longValue();
                for (int j = 0; j < count; j++) {
                    found[j] |= data[rows == null ? j : rows[j]] == item;
                }
            } else if (values instanceof DoubleData doubles) {
                double[] data = doubles.values();
                double item = constant.doubleValue();
                for (int j = 0; j < count; j++) {
                    found[j] |= ComparisonKernel.compareDoubles(data[rows == null ? j : rows[j]], item) == 0;
                }
            } else {
                boolean[] data = ((BooleanData) values).values();
                boolean item = constant.longValue() != 0;
                for (int j = 0; j < count; j++) {
                    found[j] |= data[rows == null ? j : rows[j]] == item;
                }
            }
        }
        return found;
    }
}
