package io.depot.engine.testing;

import io.depot.engine.exec.QueryExecutor;
import io.depot.engine.exec.ResultStream;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.ValuesNode;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Helpers that run plans and read their results as boxed rows. */
public final class QueryTesting {
    public static final long MEMORY_LIMIT = 512L * 1024 * 1024;

    private QueryTesting() {}

    /** All result rows of the plan, boxed as {@code ArrowValues.get} gives them. */
    public static List<List<Object>> run(BufferAllocator allocator, PlanNode plan) {
        return run(allocator, plan, MEMORY_LIMIT);
    }

    public static List<List<Object>> run(BufferAllocator allocator, PlanNode plan, long memoryLimit) {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultStream stream = new QueryExecutor(allocator).execute(plan, memoryLimit)) {
            List<Column> columns = stream.columns();
            while (true) {
                try (VectorSchemaRoot root = stream.next()) {
                    if (root == null) {
                        break;
                    }
                    rows.addAll(rows(root, columns));
                }
            }
        }
        return rows;
    }

    public static List<List<Object>> rows(VectorSchemaRoot root, List<Column> columns) {
        List<List<Object>> rows = new ArrayList<>();
        for (int row = 0; row < root.getRowCount(); row++) {
            List<Object> values = new ArrayList<>(columns.size());
            for (int column = 0; column < columns.size(); column++) {
                values.add(ArrowValues.get(root.getVector(column), columns.get(column).type(), row));
            }
            rows.add(values);
        }
        return rows;
    }

    /** A VALUES node whose rows are Java values of the columns' literal forms (null for NULL). */
    public static ValuesNode values(List<Column> columns, List<List<Object>> rows) {
        List<List<Literal>> literals = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Literal> literalRow = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                literalRow.add(new Literal(row.get(i), columns.get(i).type()));
            }
            literals.add(literalRow);
        }
        return new ValuesNode(columns, literals);
    }

    /** A VALUES node of one column. */
    public static ValuesNode column(ColumnType type, Object... values) {
        List<List<Object>> rows = new ArrayList<>();
        for (Object value : values) {
            rows.add(Arrays.asList(value));
        }
        return values(List.of(Column.nullable("c0", type)), rows);
    }

    /** The values of {@code expression} over the rows of {@code input}, one per row. */
    public static List<Object> evaluate(BufferAllocator allocator, PlanNode input, Expression expression) {
        ProjectNode project = new ProjectNode(input, List.of(expression), List.of("result"));
        List<Object> results = new ArrayList<>();
        for (List<Object> row : run(allocator, project)) {
            results.add(row.get(0));
        }
        return results;
    }

    /** Java values as a row list that may hold nulls. */
    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
