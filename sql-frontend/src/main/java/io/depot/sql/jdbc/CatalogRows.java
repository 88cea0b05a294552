package io.depot.sql.jdbc;

import io.depot.sql.schema.DepotSchema;
import io.depot.sql.schema.InformationSchema;
import io.depot.sql.schema.SystemSchema;
import io.depot.storage.table.ViewDefinition;
import io.depot.storage.table.Database;
import io.depot.storage.table.Table;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.avatica.MetaImpl.MetaSchema;
import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.avatica.MetaImpl.MetaTableType;
import org.apache.calcite.avatica.MetaImpl.MetaTypeInfo;

/**
 * The rows of the {@code DatabaseMetaData} catalog calls, read from a {@link Database}.
 *
 * <p>Depot has no catalogs (TABLE_CAT is null); user tables are in schema {@code main} (the
 * SQL layer's default schema) and Depot's system tables in {@code sys}.
 */
final class CatalogRows {
    /** The schema every user table is reported in. */
    static final String SCHEMA = DepotSchema.DEFAULT_SCHEMA;
    static final String TABLE_TYPE = "TABLE";
    static final String SYSTEM_TABLE_TYPE = "SYSTEM TABLE";
    static final String VIEW_TYPE = "VIEW";

    private final Database database;

    CatalogRows(Database database) {
        this.database = database;
    }

    /**
     * Whether a {@code catalog} argument selects Depot's tables: null means "any catalog" and
     * the empty string "no catalog", which is where they are.
     */
    static boolean selectsTables(String catalog) {
        return catalog == null || catalog.isEmpty();
    }

    List<MetaSchema> schemas(LikePattern schemaPattern) {
        List<MetaSchema> schemas = new ArrayList<>();
        for (String schema : List.of(SCHEMA, SystemSchema.NAME)) {
            if (schemaPattern.matches(schema)) {
                schemas.add(new MetaSchema(null, schema));
            }
        }
        return schemas;
    }

    List<MetaTable> tables(LikePattern schemaPattern, LikePattern tablePattern, List<String> types) {
        List<MetaTable> tables = new ArrayList<>();
        for (CatalogTable table : catalogTables(schemaPattern, tablePattern)) {
            if (types == null || types.stream().anyMatch(table.type()::equalsIgnoreCase)) {
                tables.add(new MetaTable(null, table.schema(), table.name(), table.type()));
            }
        }
        return tables;
    }

    List<MetaColumn> columns(LikePattern schemaPattern, LikePattern tablePattern, LikePattern columnPattern) {
        List<MetaColumn> columns = new ArrayList<>();
        for (CatalogTable table : catalogTables(schemaPattern, tablePattern)) {
            for (int index = 0; index < table.columns().size(); index++) {
                Column column = table.columns().column(index);
                if (columnPattern.matches(column.name())) {
                    columns.add(column(table.schema(), table.name(), column, index + 1));
                }
            }
        }
        return columns;
    }

    /** A table as the catalog calls list it. */
    private record CatalogTable(String schema, String name, String type, TableSchema columns) {}

    /** User tables in {@code main}, then Depot's own in {@code sys}, matching the patterns. */
    private List<CatalogTable> catalogTables(LikePattern schemaPattern, LikePattern tablePattern) {
        List<CatalogTable> tables = new ArrayList<>();
        if (schemaPattern.matches(SCHEMA)) {
            for (String name : database.tableNames()) {
                // a table dropped since tableNames() was read is simply not listed
                Optional<Table> table = tablePattern.matches(name) ? database.table(name) : Optional.empty();
                table.ifPresent(found -> tables.add(
                        new CatalogTable(SCHEMA, name, TABLE_TYPE, found.snapshot().schema())));
            }
            for (ViewDefinition view : database.views().views()) {
                // a view that no longer validates is listed without columns
                if (tablePattern.matches(view.name())) {
                    tables.add(new CatalogTable(SCHEMA, view.name(), VIEW_TYPE, new TableSchema(
                            InformationSchema.viewColumns(database, view).orElse(List.of()))));
                }
            }
        }
        if (schemaPattern.matches(SystemSchema.NAME)) {
            SystemSchema.tableSchemas().forEach((name, columns) -> {
                if (tablePattern.matches(name)) {
                    tables.add(new CatalogTable(SystemSchema.NAME, name, SYSTEM_TABLE_TYPE, columns));
                }
            });
        }
        return tables;
    }

    static List<MetaTableType> tableTypes() {
        return List.of(new MetaTableType(SYSTEM_TABLE_TYPE), new MetaTableType(TABLE_TYPE), new MetaTableType(VIEW_TYPE));
    }

    /** One row per Depot type, most common JDBC mapping first as the specification asks. */
    static List<MetaTypeInfo> typeInfo() {
        List<MetaTypeInfo> types = new ArrayList<>();
        for (TypeKind kind : TypeKind.values()) {
            ColumnType type = kind == TypeKind.DECIMAL
                    ? ColumnType.decimal(ColumnType.MAX_DECIMAL_PRECISION, 0)
                    : new ColumnType(kind, 0, 0);
            boolean quoted = kind == TypeKind.VARCHAR || kind == TypeKind.DATE || kind == TypeKind.TIMESTAMP;
            String prefix = switch (kind) {
                case DATE -> "DATE '";
                case TIMESTAMP -> "TIMESTAMP '";
                case VARCHAR -> "'";
                default -> null;
            };
            types.add(new MetaTypeInfo(
                    JdbcTypes.typeName(type),
                    JdbcTypes.sqlType(type),
                    JdbcTypes.precision(type),
                    prefix,
                    quoted ? "'" : null,
                    (short) DatabaseMetaData.typeNullable,
                    kind == TypeKind.VARCHAR,
                    (short) DatabaseMetaData.typeSearchable,
                    !kind.isNumeric(),
                    false,
                    false,
                    (short) 0,
                    (short) (kind == TypeKind.DECIMAL ? ColumnType.MAX_DECIMAL_PRECISION : JdbcTypes.scale(type)),
                    // MetaTypeInfo takes an int: 0 says "no radix" for the non-numeric types
                    kind.isNumeric() ? JdbcTypes.radix(type) : Integer.valueOf(0)));
        }
        types.sort((left, right) -> Integer.compare(left.dataType, right.dataType));
        return types;
    }

    private static MetaColumn column(String schema, String tableName, Column column, int position) {
        ColumnType type = column.type();
        return new MetaColumn(
                null,
                schema,
                tableName,
                column.name(),
                JdbcTypes.sqlType(type),
                JdbcTypes.typeName(type),
                JdbcTypes.precision(type),
                JdbcTypes.decimalDigits(type),
                JdbcTypes.radix(type),
                column.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                type.kind() == TypeKind.VARCHAR ? JdbcTypes.VARCHAR_LENGTH : null,
                position,
                column.nullable() ? "YES" : "NO",
                "NO",
                "NO");
    }
}
