package io.depot.engine.operator;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.Literal;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Produces constant rows, at most {@link Batch#MAX_ROWS} per batch. */
public final class ValuesOperator implements Operator {
    private final List<Column> columns;
    private final List<List<Literal>> rows;
    private final BufferAllocator allocator;
    private int nextRow;

    /** Every non-NULL literal must have its column's type (DECIMALs also its scale). */
    public ValuesOperator(List<Column> columns, List<List<Literal>> rows, BufferAllocator allocator) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.allocator = allocator;
        checkTypes();
    }

    private void checkTypes() {
        for (int row = 0; row < rows.size(); row++) {
            for (int column = 0; column < columns.size(); column++) {
                Literal literal = rows.get(row).get(column);
                ColumnType expected = columns.get(column).type();
                if (literal.value() != null && !literal.type().equals(expected)) {
                    throw new DepotException(ErrorCode.INTERNAL, String.format(
                            "VALUES row[%d] column[%d] has type[%s] where the column has type[%s]",
                            row, column, literal.type(), expected));
                }
            }
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Batch next() {
        if (isFinished()) {
            return null;
        }
        int count = Math.min(Batch.MAX_ROWS, rows.size() - nextRow);
        // Not ArrowTypes.createRoot: VALUES column names need not be unique.
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        try {
            for (int column = 0; column < columns.size(); column++) {
                FieldVector vector = ArrowTypes.createVector(columns.get(column), allocator);
                vectors.add(vector);
                vector.setInitialCapacity(count);
                vector.allocateNew();
                for (int row = 0; row < count; row++) {
                    // Literals are values at the edge of the engine; boxed access is fine here.
                    ArrowValues.set(vector, columns.get(column).type(), row, rows.get(nextRow + row).get(column).value());
                }
                vector.setValueCount(count);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(count);
        nextRow += count;
        return Batch.of(root);
    }

    @Override
    public boolean isFinished() {
        return nextRow >= rows.size();
    }

    @Override
    public void close() {
        nextRow = rows.size();
    }
}
