package io.depot.sql.tpch;

import io.depot.sql.DepotSql;
import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.ingest.LoadResult;
import io.depot.storage.table.Database;
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

/**
 * Generates the eight TPC-H tables at a scale factor as CSV files and loads them into Depot and
 * DuckDB with identical values and types. The CSV file is the one conversion of the generator's
 * values, so every engine (also the benchmark peers) reads the same text.
 */
public final class TpchData {
    private TpchData() {}

    public static void load(double scaleFactor, DepotSql depot, Connection duckdb) throws IOException, SQLException {
        Path directory = Files.createTempDirectory("depot-tpch-");
        try {
            for (TpchTable<?> table : TpchTable.getTables()) {
                Path csv = directory.resolve(table.getTableName() + ".csv");
                try {
                    writeCsv(table, scaleFactor, csv);
                    loadDepot(depot.database(), table, csv);
                    loadDuckDb(duckdb, table, csv);
                } finally {
                    Files.deleteIfExists(csv);
                }
            }
        } finally {
            Files.deleteIfExists(directory);
        }
    }

    /**
     * Writes the table's rows as CSV: no header, '|' between fields, strings in double quotes,
     * decimals with two places, dates as ISO text. Returns the number of rows.
     */
    public static <E extends TpchEntity> long writeCsv(TpchTable<E> table, double scaleFactor, Path csv)
            throws IOException {
        List<TpchColumn<E>> columns = table.getColumns();
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            for (E entity : table.createGenerator(scaleFactor, 1, 1)) {
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        out.write('|');
                    }
                    out.write(csvField(columns.get(c), entity));
                }
                out.write('\n');
                rows++;
            }
        }
        return rows;
    }

    /** How {@link #writeCsv} files read: the table's TPC-H types, no header, '|' delimited. */
    public static CsvOptions csvOptions(TpchTable<?> table) {
        return CsvOptions.defaults().withDelimiter('|').withHeader(false).withSchema(TpchSchema.depotSchema(table));
    }

    /** Loads a {@link #writeCsv} file into a new Depot table, with Depot's CSV loader. */
    public static LoadResult loadDepot(Database database, TpchTable<?> table, Path csv) {
        return CsvLoader.load(database, table.getTableName(), List.of(csv), csvOptions(table));
    }

    /** Creates the table in DuckDB and loads a {@link #writeCsv} file with COPY. */
    public static void loadDuckDb(Connection duckdb, TpchTable<?> table, Path csv) throws SQLException {
        try (Statement statement = duckdb.createStatement()) {
            statement.execute(TpchSchema.createTable(table));
            statement.execute("COPY " + table.getTableName() + " FROM '" + csv
                    + "' (FORMAT csv, HEADER false, DELIMITER '|', QUOTE '\"')");
        }
    }

    private static <E extends TpchEntity> String csvField(TpchColumn<E> column, E entity) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> Long.toString(column.getIdentifier(entity));
            case INTEGER -> Integer.toString(column.getInteger(entity));
            case DATE -> LocalDate.ofEpochDay(column.getDate(entity)).toString();
            // The generator's doubles stand for values with two decimals: rounding to cents
            // recovers them exactly, as DECIMAL(15,2)'s unscaled integer.
            case DOUBLE -> BigDecimal.valueOf(Math.round(column.getDouble(entity) * 100), TpchSchema.DECIMAL.scale())
                    .toPlainString();
            case VARCHAR -> '"' + column.getString(entity).replace("\"", "\"\"") + '"';
        };
    }
}
