package io.depot.sql.schema;

import static java.util.Objects.requireNonNull;

import io.depot.storage.table.Database;
import io.depot.storage.table.ViewDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Calcite's view of a database's tables. Built fresh for every statement, so it always lists
 * the tables committed and the views stored when the statement was planned. The table map is
 * read once per statement: Calcite asks for it on every name lookup, and reading it lists the
 * table directory and every table's manifest (planning TPC-H Q2 read them dozens of times).
 */
public final class DepotSchema extends AbstractSchema {
    /** The schema user tables live in; the default schema of every connection. */
    public static final String DEFAULT_SCHEMA = "main";

    private final Database database;
    private Map<String, Table> tables;

    public DepotSchema(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    protected Map<String, Table> getTableMap() {
        if (tables == null) {
            tables = readTableMap();
        }
        return tables;
    }

    private Map<String, Table> readTableMap() {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : database.tableNames()) {
            database.table(name).ifPresent(table -> tables.put(table.name(), new DepotCalciteTable(table)));
        }
        for (ViewDefinition view : database.views().views()) {
            tables.putIfAbsent(view.name(), new DepotViewTable(view, database));
        }
        return tables;
    }
}
