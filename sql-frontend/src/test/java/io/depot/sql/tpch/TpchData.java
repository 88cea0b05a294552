package io.depot.sql.tpch;

import io.depot.sql.DepotSql;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.TableSchema;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Generates the eight TPC-H tables at a scale factor and loads them into a Depot database and
 * into DuckDB with identical values and types.
 */
public final class TpchData {
    /** Rows per Arrow batch appended to Depot. */
    private static final int BATCH_ROWS = 65_536;

    private TpchData() {}

    public static void load(double scaleFactor, DepotSql depot, Connection duckdb) throws IOException, SQLException {
        Path csv = Files.createTempFile("depot-tpch-", ".csv");
        try {
            for (TpchTable<?> table : TpchTable.getTables()) {
                load(table, scaleFactor, depot, duckdb, csv);
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /**
     * One pass over the generator fills Depot's batches and a CSV file, which DuckDB then loads
     * with COPY (much faster than JDBC inserts).
     */
    private static <E extends TpchEntity> void load(
            TpchTable<E> table, double scaleFactor, DepotSql depot, Connection duckdb, Path csv)
            throws IOException, SQLException {
        TableSchema schema = TpchSchema.depotSchema(table);
        List<TpchColumn<E>> columns = table.getColumns();
        try (TableWriter writer = depot.database().beginWrite(table.getTableName(), schema);
                VectorSchemaRoot batch = ArrowTypes.createRoot(schema, depot.database().allocator());
                BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            batch.allocateNew();
            int rows = 0;
            for (E entity : table.createGenerator(scaleFactor, 1, 1)) {
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        out.write('|');
                    }
                    out.write(store(columns.get(c), entity, batch.getVector(c), rows));
                }
                out.write('\n');
                rows++;
                if (rows == BATCH_ROWS) {
                    append(writer, batch, rows);
                    rows = 0;
                }
            }
            if (rows > 0) {
                append(writer, batch, rows);
            }
            writer.commit();
        }
        try (Statement statement = duckdb.createStatement()) {
            statement.execute(TpchSchema.duckDbCreateTable(table));
            statement.execute("COPY " + table.getTableName() + " FROM '" + csv
                    + "' (FORMAT csv, HEADER false, DELIMITER '|', QUOTE '\"')");
        }
    }

    private static void append(TableWriter writer, VectorSchemaRoot batch, int rows) {
        batch.setRowCount(rows);
        writer.append(batch);
        // Fresh buffers for the next batch: the writer has copied this one.
        batch.allocateNew();
    }

    /**
     * Stores one generated value into Depot's vector and returns the same value as CSV text for
     * DuckDB, so both engines get it from one conversion.
     */
    private static <E extends TpchEntity> String store(TpchColumn<E> column, E entity, FieldVector vector, int row) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> {
                long key = column.getIdentifier(entity);
                ((BigIntVector) vector).setSafe(row, key);
                yield Long.toString(key);
            }
            case INTEGER -> {
                int number = column.getInteger(entity);
                ((IntVector) vector).setSafe(row, number);
                yield Integer.toString(number);
            }
            case DATE -> {
                int epochDay = column.getDate(entity);
                ((DateDayVector) vector).setSafe(row, epochDay);
                yield LocalDate.ofEpochDay(epochDay).toString();
            }
            case DOUBLE -> {
                // The generator's doubles stand for values with two decimals: rounding to cents
                // recovers them exactly, as DECIMAL(15,2)'s unscaled integer.
                long cents = Math.round(column.getDouble(entity) * 100);
                ((BigIntVector) vector).setSafe(row, cents);
                yield BigDecimal.valueOf(cents, TpchSchema.DECIMAL.scale()).toPlainString();
            }
            case VARCHAR -> {
                String text = column.getString(entity);
                ((VarCharVector) vector).setSafe(row, text.getBytes(StandardCharsets.UTF_8));
                yield '"' + text.replace("\"", "\"\"") + '"';
            }
        };
    }
}
