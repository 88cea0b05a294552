package io.depot.sql.schema;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Literal;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.Table;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Schema {@code sys}: Depot describing itself. {@code sys.tables} has one row per table,
 * {@code sys.segments} one per segment of each table's current version.
 */
public final class SystemSchema extends AbstractSchema {
    public static final String NAME = "sys";

    private static final TableSchema TABLES = TableSchema.of(
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("version", ColumnType.BIGINT, false),
            new Column("row_count", ColumnType.BIGINT, false),
            new Column("segment_count", ColumnType.INTEGER, false),
            new Column("column_count", ColumnType.INTEGER, false));

    private static final TableSchema SEGMENTS = TableSchema.of(
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("table_version", ColumnType.BIGINT, false),
            new Column("segment", ColumnType.INTEGER, false),
            new Column("row_count", ColumnType.BIGINT, false));

    private final Database database;

    public SystemSchema(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** The columns of each system table, by name; for catalog listings. */
    public static Map<String, TableSchema> tableSchemas() {
        return new java.util.TreeMap<>(Map.of("segments", SEGMENTS, "tables", TABLES));
    }

    @Override
    protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
        return Map.of(
                "tables", new SystemTable(TABLES, database, SystemSchema::tableRows),
                "segments", new SystemTable(SEGMENTS, database, SystemSchema::segmentRows));
    }

    private static List<List<Literal>> tableRows(Database database) {
        List<List<Literal>> rows = new ArrayList<>();
        for (Snapshot snapshot : snapshots(database)) {
            rows.add(List.of(
                    new Literal(snapshot.tableName(), ColumnType.VARCHAR),
                    new Literal(snapshot.version(), ColumnType.BIGINT),
                    new Literal(snapshot.rowCount(), ColumnType.BIGINT),
                    new Literal(snapshot.segmentCount(), ColumnType.INTEGER),
                    new Literal(snapshot.schema().size(), ColumnType.INTEGER)));
        }
        return rows;
    }

    private static List<List<Literal>> segmentRows(Database database) {
        List<List<Literal>> rows = new ArrayList<>();
        for (Snapshot snapshot : snapshots(database)) {
            for (int segment = 0; segment < snapshot.segmentCount(); segment++) {
                rows.add(List.of(
                        new Literal(snapshot.tableName(), ColumnType.VARCHAR),
                        new Literal(snapshot.version(), ColumnType.BIGINT),
                        new Literal(segment, ColumnType.INTEGER),
                        new Literal(snapshot.segmentRowCount(segment), ColumnType.BIGINT)));
            }
        }
        return rows;
    }

    /** The current snapshot of every table; a table dropped meanwhile is left out. */
    static List<Snapshot> snapshots(Database database) {
        List<Snapshot> snapshots = new ArrayList<>();
        for (String name : database.tableNames()) {
            database.table(name).map(Table::snapshot).ifPresent(snapshots::add);
        }
        return snapshots;
    }
}
