package io.depot.sql.tpch;

import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The types of the TPC-H columns, the same in Depot, DuckDB and H2. */
public final class TpchSchema {
    /**
     * The generator hands out money, quantities and rates as doubles; the TPC-H schema (and
     * DuckDB's dbgen) declares them DECIMAL(15,2), which keeps sums exact on both engines.
     */
    public static final ColumnType DECIMAL = ColumnType.decimal(15, 2);

    private TpchSchema() {}

    public static ColumnType columnType(TpchColumn<?> column) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> ColumnType.BIGINT;
            case INTEGER -> ColumnType.INTEGER;
            case DATE -> ColumnType.DATE;
            case DOUBLE -> DECIMAL;
            case VARCHAR -> ColumnType.VARCHAR;
        };
    }

    /** TPC-H has no NULLs, so every column is NOT NULL. */
    public static TableSchema depotSchema(TpchTable<?> table) {
        List<Column> columns = new ArrayList<>();
        for (TpchColumn<?> column : table.getColumns()) {
            columns.add(new Column(column.getColumnName(), columnType(column), false));
        }
        return new TableSchema(columns);
    }

    /**
     * The CREATE TABLE statement for DuckDB and H2: Depot's type names are also theirs (BIGINT,
     * INTEGER, DATE, DECIMAL(15,2), VARCHAR).
     */
    public static String createTable(TpchTable<?> table) {
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE " + table.getTableName() + " (", ")");
        for (TpchColumn<?> column : table.getColumns()) {
            columns.add(column.getColumnName() + " " + columnType(column) + " NOT NULL");
        }
        return columns.toString();
    }
}
