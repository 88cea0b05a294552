package io.depot.sql;

import io.depot.engine.exec.ResultStream;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Helpers for tests that write tables directly and read query results as rows. */
public final class SqlTestSupport {
    private SqlTestSupport() {}

    /** Writes rows (values in ArrowValues' Java forms) into a new or existing table, one commit. */
    public static void writeTable(DepotSql depot, String table, TableSchema schema, List<List<Object>> rows) {
        try (TableWriter writer = depot.database().beginWrite(table, schema);
                VectorSchemaRoot batch = ArrowTypes.createRoot(schema, depot.database().allocator())) {
            batch.allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < schema.size(); c++) {
                    ArrowValues.set(batch.getVector(c), schema.column(c).type(), r, rows.get(r).get(c));
                }
            }
            batch.setRowCount(rows.size());
            writer.append(batch);
            writer.commit();
        }
    }

    /** Runs a query and returns all rows, values in ArrowValues' Java forms. */
    public static List<List<Object>> query(DepotSql depot, String sql) {
        try (ResultStream result = depot.prepare(sql).executeQuery()) {
            return rows(result);
        }
    }

    /** Reads every row of a running query, values in ArrowValues' Java forms; the caller closes it. */
    public static List<List<Object>> rows(ResultStream result) {
        List<Column> columns = result.columns();
        List<List<Object>> rows = new ArrayList<>();
        for (VectorSchemaRoot next = result.next(); next != null; next = result.next()) {
            try (VectorSchemaRoot batch = next) {
                for (int r = 0; r < batch.getRowCount(); r++) {
                    Object[] row = new Object[columns.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = ArrowValues.get(batch.getVector(c), columns.get(c).type(), r);
                    }
                    rows.add(Arrays.asList(row));
                }
            }
        }
        return rows;
    }

    /** Runs a query over JDBC (on the reference engine) and returns all rows. */
    public static List<List<Object>> query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return rows(result);
        }
    }

    /** All rows of a JDBC result; dates and timestamps as java.time, other values as getObject gives them. */
    public static List<List<Object>> rows(ResultSet result) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
            Object[] row = new Object[columns];
            for (int c = 0; c < columns; c++) {
                // java.time avoids any JVM time zone shift in java.sql.Date/Timestamp.
                row[c] = switch (result.getMetaData().getColumnType(c + 1)) {
                    case java.sql.Types.DATE -> result.getObject(c + 1, LocalDate.class);
                    case java.sql.Types.TIMESTAMP -> result.getObject(c + 1, LocalDateTime.class);
                    default -> result.getObject(c + 1);
                };
            }
            rows.add(Arrays.asList(row));
        }
        return rows;
    }

    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
