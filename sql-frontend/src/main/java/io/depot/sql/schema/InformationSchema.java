package io.depot.sql.schema;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Literal;
import io.depot.sql.convert.CalciteTypes;
import io.depot.sql.planner.SqlPlanner;
import io.depot.storage.DepotException;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.ViewDefinition;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.KeyConstraint;
import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Schema {@code information_schema}: the SQL standard's catalog views over Depot's tables and
 * views ({@code schemata}, {@code tables}, {@code columns}, {@code views},
 * {@code table_constraints}, {@code key_column_usage}), computed when a query runs.
 */
public final class InformationSchema extends AbstractSchema {
    public static final String NAME = "information_schema";
    private static final String CATALOG = "depot";

    private static final TableSchema SCHEMATA = TableSchema.of(
            new Column("catalog_name", ColumnType.VARCHAR, false),
            new Column("schema_name", ColumnType.VARCHAR, false));

    private static final TableSchema TABLES = TableSchema.of(
            new Column("table_catalog", ColumnType.VARCHAR, false),
            new Column("table_schema", ColumnType.VARCHAR, false),
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("table_type", ColumnType.VARCHAR, false));

    private static final TableSchema COLUMNS = TableSchema.of(
            new Column("table_catalog", ColumnType.VARCHAR, false),
            new Column("table_schema", ColumnType.VARCHAR, false),
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("column_name", ColumnType.VARCHAR, false),
            new Column("ordinal_position", ColumnType.INTEGER, false),
            new Column("data_type", ColumnType.VARCHAR, false),
            new Column("is_nullable", ColumnType.VARCHAR, false),
            new Column("numeric_precision", ColumnType.INTEGER, true),
            new Column("numeric_scale", ColumnType.INTEGER, true));

    private static final TableSchema VIEWS = TableSchema.of(
            new Column("table_catalog", ColumnType.VARCHAR, false),
            new Column("table_schema", ColumnType.VARCHAR, false),
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("view_definition", ColumnType.VARCHAR, false));

    private static final TableSchema TABLE_CONSTRAINTS = TableSchema.of(
            new Column("constraint_schema", ColumnType.VARCHAR, false),
            new Column("constraint_name", ColumnType.VARCHAR, false),
            new Column("table_schema", ColumnType.VARCHAR, false),
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("constraint_type", ColumnType.VARCHAR, false),
            new Column("enforced", ColumnType.VARCHAR, false));

    private static final TableSchema KEY_COLUMN_USAGE = TableSchema.of(
            new Column("constraint_schema", ColumnType.VARCHAR, false),
            new Column("constraint_name", ColumnType.VARCHAR, false),
            new Column("table_schema", ColumnType.VARCHAR, false),
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("column_name", ColumnType.VARCHAR, false),
            new Column("ordinal_position", ColumnType.INTEGER, false));

    private final Database database;

    public InformationSchema(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** The columns of each table, by name; for catalog listings. */
    public static Map<String, TableSchema> tableSchemas() {
        return new TreeMap<>(Map.of("schemata", SCHEMATA, "tables", TABLES, "columns", COLUMNS, "views", VIEWS,
                "table_constraints", TABLE_CONSTRAINTS, "key_column_usage", KEY_COLUMN_USAGE));
    }

    @Override
    protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
        return Map.of(
                "schemata", new SystemTable(SCHEMATA, database, InformationSchema::schemataRows),
                "tables", new SystemTable(TABLES, database, InformationSchema::tableRows),
                "columns", new SystemTable(COLUMNS, database, InformationSchema::columnRows),
                "views", new SystemTable(VIEWS, database, InformationSchema::viewRows),
                "table_constraints", new SystemTable(TABLE_CONSTRAINTS, database, InformationSchema::constraintRows),
                "key_column_usage", new SystemTable(KEY_COLUMN_USAGE, database, InformationSchema::keyColumnRows));
    }

    private static List<List<Literal>> schemataRows(Database database) {
        List<List<Literal>> rows = new ArrayList<>();
        for (String schema : List.of(DepotSchema.DEFAULT_SCHEMA, NAME, SystemSchema.NAME)) {
            rows.add(List.of(text(CATALOG), text(schema)));
        }
        return rows;
    }

    private static List<List<Literal>> tableRows(Database database) {
        List<List<Literal>> rows = new ArrayList<>();
        for (String table : database.tableNames()) {
            rows.add(List.of(text(CATALOG), text(DepotSchema.DEFAULT_SCHEMA), text(table), text("BASE TABLE")));
        }
        for (ViewDefinition view : database.views().views()) {
            rows.add(List.of(text(CATALOG), text(DepotSchema.DEFAULT_SCHEMA), text(view.name()), text("VIEW")));
        }
        addSystemTables(rows, NAME, tableSchemas());
        addSystemTables(rows, SystemSchema.NAME, SystemSchema.tableSchemas());
        return rows;
    }

    private static void addSystemTables(List<List<Literal>> rows, String schema, Map<String, TableSchema> tables) {
        for (String table : tables.keySet()) {
            rows.add(List.of(text(CATALOG), text(schema), text(table), text("SYSTEM TABLE")));
        }
    }

    private static List<List<Literal>> columnRows(Database database) {
        List<List<Literal>> rows = new ArrayList<>();
        for (Snapshot snapshot : SystemSchema.snapshots(database)) {
            addColumns(rows, DepotSchema.DEFAULT_SCHEMA, snapshot.tableName(), snapshot.schema().columns());
        }
        for (ViewDefinition view : database.views().views()) {
            viewColumns(database, view).ifPresent(columns ->
                    addColumns(rows, DepotSchema.DEFAULT_SCHEMA, view.name(), columns));
        }
        for (Map.Entry<String, TableSchema> table : tableSchemas().entrySet()) {
            addColumns(rows, NAME, table.getKey(), table.getValue().columns());
        }
        for (Map.Entry<String, TableSchema> table : SystemSchema.tableSchemas().entrySet()) {
            addColumns(rows, SystemSchema.NAME, table.getKey(), table.getValue().columns());
        }
        return rows;
    }

    /** A view's columns as its SELECT now types them; empty when the view no longer validates. */
    public static java.util.Optional<List<Column>> viewColumns(Database database, ViewDefinition view) {
        try {
            DepotViewTable table = new DepotViewTable(view, database);
            List<Column> columns = new ArrayList<>();
            for (RelDataTypeField field : table.getRowType(SqlPlanner.newTypeFactory()).getFieldList()) {
                columns.add(new Column(field.getName(), CalciteTypes.columnType(field.getType()),
                        field.getType().isNullable()));
            }
            return java.util.Optional.of(columns);
        } catch (DepotException e) {
            return java.util.Optional.empty();
        }
    }

    private static void addColumns(List<List<Literal>> rows, String schema, String table, List<Column> columns) {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            ColumnType type = column.type();
            boolean decimal = type.kind() == TypeKind.DECIMAL;
            rows.add(List.of(text(CATALOG), text(schema), text(table), text(column.name()),
                    new Literal(i + 1, ColumnType.INTEGER), text(type.toString()),
                    text(column.nullable() ? "YES" : "NO"),
                    new Literal(decimal ? Integer.valueOf(type.precision()) : numericPrecision(type.kind()),
                            ColumnType.INTEGER),
                    new Literal(decimal ? Integer.valueOf(type.scale()) : numericScale(type.kind()), ColumnType.INTEGER)));
        }
    }

    private static Integer numericPrecision(TypeKind kind) {
        return switch (kind) {
            case INTEGER -> 32;
            case BIGINT -> 64;
            case DOUBLE -> 53;
            default -> null;
        };
    }

    private static Integer numericScale(TypeKind kind) {
        return kind == TypeKind.INTEGER || kind == TypeKind.BIGINT ? 0 : null;
    }

    private static List<List<Literal>> viewRows(Database database) {
        List<List<Literal>> rows = new ArrayList<>();
        for (ViewDefinition view : database.views().views()) {
            rows.add(List.of(text(CATALOG), text(DepotSchema.DEFAULT_SCHEMA), text(view.name()), text(view.sql())));
        }
        return rows;
    }

    private static List<List<Literal>> constraintRows(Database database) {
        List<List<Literal>> rows = new ArrayList<>();
        for (Snapshot snapshot : SystemSchema.snapshots(database)) {
            List<KeyConstraint> keys = snapshot.keyConstraints();
            for (int i = 0; i < keys.size(); i++) {
                rows.add(List.of(text(DepotSchema.DEFAULT_SCHEMA), text(constraintName(snapshot, i)),
                        text(DepotSchema.DEFAULT_SCHEMA), text(snapshot.tableName()),
                        text(keys.get(i).kind() == KeyConstraint.Kind.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE"),
                        text("NO")));
            }
        }
        return rows;
    }

    private static List<List<Literal>> keyColumnRows(Database database) {
        List<List<Literal>> rows = new ArrayList<>();
        for (Snapshot snapshot : SystemSchema.snapshots(database)) {
            List<KeyConstraint> keys = snapshot.keyConstraints();
            for (int i = 0; i < keys.size(); i++) {
                List<String> columns = keys.get(i).columns();
                for (int c = 0; c < columns.size(); c++) {
                    rows.add(List.of(text(DepotSchema.DEFAULT_SCHEMA), text(constraintName(snapshot, i)),
                            text(DepotSchema.DEFAULT_SCHEMA), text(snapshot.tableName()), text(columns.get(c)),
                            new Literal(c + 1, ColumnType.INTEGER)));
                }
            }
        }
        return rows;
    }

    /** The declared name, or PostgreSQL's style of generated one: {@code <table>_pkey}, {@code <table>_key<n>}. */
    private static String constraintName(Snapshot snapshot, int index) {
        KeyConstraint key = snapshot.keyConstraints().get(index);
        if (key.name() != null) {
            return key.name();
        }
        return key.kind() == KeyConstraint.Kind.PRIMARY_KEY
                ? snapshot.tableName() + "_pkey"
                : snapshot.tableName() + "_key" + (index + 1);
    }

    private static Literal text(String value) {
        return new Literal(value, ColumnType.VARCHAR);
    }
}
