package io.depot.engine.expression;

import io.depot.engine.batch.Batch;
import io.depot.engine.batch.ColumnData;
import io.depot.storage.type.ColumnType;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The input rows an expression is evaluated over: a batch's selected rows, or a subset of
 * another context's rows (CASE branches and the right side of AND/OR only see the rows that
 * still need them, so e.g. {@code x <> 0 AND 10 / x > 1} never divides by zero). Columns are
 * unpacked on first use and cached. A subset reads a column its parent has not loaded yet
 * through {@link #columnAt}: a context whose {@link ColumnLoader} can read some rows only (a
 * scan's block, where storage decodes just those rows) then loads the subset's rows alone,
 * uncached, instead of the whole column.
 */
public abstract class EvaluationContext {
    private final ColumnData[] columns;
    /** The results of {@link SharedKernel}s over this context, made on first use. */
    private Map<Kernel, ColumnData> sharedResults;

    /** Computes a context's columns: whole, or at some of its rows only. */
    public interface ColumnLoader {
        /** Column {@code index} at every row of the context. */
        ColumnData load(int index);

        /**
         * Whether a column not loaded yet is better read at {@code count} of the context's rows
         * only ({@link #loadRows}) than whole; false means {@link #loadRows} is never called.
         */
        boolean loadsRows(int count);

        /** Column {@code index} at the context's rows {@code rows[0..count)} (ascending, distinct) only. */
        ColumnData loadRows(int index, int[] rows, int count);
    }

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
        return ofLoader(size, columnCount, new ColumnLoader() {
            @Override
            public ColumnData load(int index) {
                return loader.apply(index);
            }

            @Override
            public boolean loadsRows(int count) {
                return false;
            }

            @Override
            public ColumnData loadRows(int index, int[] rows, int count) {
                throw new UnsupportedOperationException("loads whole columns only");
            }
        });
    }

    /**
     * The context of {@code size} rows whose {@code columnCount} columns {@code loader} computes
     * on first use, whole, or only at the rows a subset asks for when the loader prefers that.
     */
    public static EvaluationContext ofLoader(int size, int columnCount, ColumnLoader loader) {
        return new LoaderContext(size, columnCount, loader);
    }

    /** The number of rows. */
    public abstract int size();

    /**
     * {@code kernel}'s values over this context, evaluated on the first call for {@code key} and
     * kept for the later ones (a subexpression a projection computes once for several columns).
     */
    final ColumnData sharedResult(Kernel key, Kernel kernel) {
        ColumnData result = sharedResults == null ? null : sharedResults.get(key);
        if (result == null) {
            // not computeIfAbsent: the kernel may evaluate other shared kernels meanwhile
            result = kernel.evaluate(this);
            if (sharedResults == null) {
                sharedResults = new IdentityHashMap<>();
            }
            sharedResults.put(key, result);
        }
        return result;
    }

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

    /**
     * Input column {@code index} if something has loaded it whole already (a projection hands the
     * columns it read on with its output, see {@code UnpackedColumns}), else null.
     */
    public final ColumnData loadedColumn(int index) {
        return columns[index];
    }

    /**
     * Input column {@code index} at this context's rows {@code rows[0..count)} (ascending,
     * distinct): a gathered copy of the cached column, or, when {@link #loadsRows} says so, just
     * those rows read from the source (not cached: another subset may want other rows).
     */
    final ColumnData columnAt(int index, ColumnType type, int[] rows, int count) {
        if (loadsRows(index, count)) {
            return loadRows(index, type, rows, count);
        }
        return column(index, type).gather(rows, count);
    }

    /**
     * Whether column {@code index}, not loaded here yet, would be read at {@code count} of this
     * context's rows only rather than whole. Kernels that read a column in place at selected rows
     * ask this first, and evaluate over {@link #select} instead when it is true, so the column is
     * never loaded whole.
     */
    public final boolean loadsRows(int index, int count) {
        return columns[index] == null && count < size() && readsRows(index, count);
    }

    /** Whether the source reads {@code count} rows of column {@code index} (not loaded here) by themselves. */
    boolean readsRows(int index, int count) {
        return false;
    }

    /** Column {@code index} at rows {@code rows[0..count)} only, straight from the source; see {@link #readsRows}. */
    ColumnData loadRows(int index, ColumnType type, int[] rows, int count) {
        throw new UnsupportedOperationException("loads whole columns only");
    }

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
            return batch.columnData(index, type);
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
            return parent.columnAt(index, type, rows, count);
        }

        @Override
        boolean readsRows(int index, int rowCount) {
            return parent.loadsRows(index, rowCount);
        }

        @Override
        ColumnData loadRows(int index, ColumnType type, int[] subsetRows, int rowCount) {
            // this subset's rows subsetRows[j] are the parent's rows rows[subsetRows[j]], still ascending
            int[] parentRows = new int[rowCount];
            for (int j = 0; j < rowCount; j++) {
                parentRows[j] = rows[subsetRows[j]];
            }
            return parent.columnAt(index, type, parentRows, rowCount);
        }
    }

    private static final class LoaderContext extends EvaluationContext {
        private final int size;
        private final ColumnLoader loader;

        LoaderContext(int size, int columnCount, ColumnLoader loader) {
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
            return loader.load(index);
        }

        @Override
        boolean readsRows(int index, int count) {
            return loader.loadsRows(count);
        }

        @Override
        ColumnData loadRows(int index, ColumnType type, int[] rows, int count) {
            return loader.loadRows(index, rows, count);
        }
    }
}
