package io.depot.engine.expression;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.ColumnReader;
import io.depot.storage.type.ColumnType;
import java.util.function.IntFunction;

/**
 * The input rows an expression is evaluated over: a batch's selected rows, or a subset of
 * another context's rows (CASE branches and the right side of AND/OR only see the rows that
 * still need them, so e.g. {@code x <> 0 AND 10 / x > 1} never divides by zero). Columns are
 * unpacked on first use and cached.
 */
public abstract class EvaluationContext {
    private final ColumnData[] columns;

    EvaluationContext(int columnCount) {
        this.columns = new ColumnData[columnCount];
    }

    /** The context of all rows of a batch. */
    public static EvaluationContext of(Batch batch) {
        return new BatchContext(batch);
    }

    /**
     * The context of {@code size} rows whose {@code columnCount} columns are computed on first use
     * by {@code loader} (e.g. the pairs of a join, gathered only for the columns a condition reads).
     */
    public static EvaluationContext ofLoader(int size, int columnCount, IntFunction<ColumnData> loader) {
        return new LoaderContext(size, columnCount, loader);
    }

    /** The number of rows. */
    public abstract int size();

    /** Input column {@code index} over this context's rows. */
    public final ColumnData column(int index, ColumnType type) {
        ColumnData data = columns[index];
        if (data == null) {
            data = load(index, type);
            columns[index] = data;
        }
        return data;
    }

    abstract ColumnData load(int index, ColumnType type);

    /** The context of this context's rows {@code rows[0..count)}; itself when that is every row. */
    public EvaluationContext select(int[] rows, int count) {
        if (count == size()) {
            return this;
        }
        return new SubsetContext(this, rows, count, columns.length);
    }

    private static final class BatchContext extends EvaluationContext {
        private final Batch batch;

        BatchContext(Batch batch) {
            super(batch.columnCount());
            this.batch = batch;
        }

        @Override
        public int size() {
            return batch.rowCount();
        }

        @Override
        ColumnData load(int index, ColumnType type) {
            return ColumnReader.read(batch.vector(index), type, batch.selection(), batch.rowCount());
        }
    }

    private static final class SubsetContext extends EvaluationContext {
        private final EvaluationContext parent;
        private final int[] rows;
        private final int count;

        SubsetContext(EvaluationContext parent, int[] rows, int count, int columnCount) {
            super(columnCount);
            this.parent = parent;
            this.rows = rows;
            this.count = count;
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        ColumnData load(int index, ColumnType type) {
            return parent.column(index, type).gather(rows, count);
        }
    }

    private static final class LoaderContext extends EvaluationContext {
        private final int size;
        private final IntFunction<ColumnData> loader;

        LoaderContext(int size, int columnCount, IntFunction<ColumnData> loader) {
            super(columnCount);
            this.size = size;
            this.loader = loader;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        ColumnData load(int index, ColumnType type) {
            return loader.apply(index);
        }
    }
}
