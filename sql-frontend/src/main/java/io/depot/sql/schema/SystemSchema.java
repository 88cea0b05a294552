package io.depot.sql.schema;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Literal;
import io.depot.storage.ingest.LoadHistory;
import io.depot.storage.ingest.LoadRecord;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.Table;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Schema {@code sys}: Depot describing itself. {@code sys.tables} has one row per table,
 * {@code sys.segments} one per segment of each table's current version, {@code sys.load_history}
 * one per load (successful or not) from the database's load history.
 */
public final class SystemSchema extends AbstractSchema {
    public static final String NAME = "sys";

    private static final TableSchema TABLES = TableSchema.of(
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("version", ColumnType.BIGINT, false),
            new Column("row_count", ColumnType.BIGINT, false),
            new Column("segment_count", ColumnType.INTEGER, false),
            new Column("column_count", ColumnType.INTEGER, false),
            // rows committed through the write-ahead log and not yet folded into a segment
            new Column("log_rows", ColumnType.BIGINT, false));

    private static final TableSchema SEGMENTS = TableSchema.of(
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("table_version", ColumnType.BIGINT, false),
            new Column("segment", ColumnType.INTEGER, false),
            new Column("row_count", ColumnType.BIGINT, false));

    private static final TableSchema LOAD_HISTORY = TableSchema.of(
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("partition_spec", ColumnType.VARCHAR, true),
            new Column("source", ColumnType.VARCHAR, false),
            new Column("mode", ColumnType.VARCHAR, false),
            new Column("rows_loaded", ColumnType.BIGINT, false),
            new Column("rows_rejected", ColumnType.BIGINT, false),
            new Column("bytes", ColumnType.BIGINT, false),
            new Column("started_at", ColumnType.TIMESTAMP, false),
            new Column("finished_at", ColumnType.TIMESTAMP, false),
            new Column("status", ColumnType.VARCHAR, false),
            new Column("error", ColumnType.VARCHAR, true));

    private final Database database;

    public SystemSchema(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** The columns of each system table, by name; for catalog listings. */
    public static Map<String, TableSchema> tableSchemas() {
        return new java.util.TreeMap<>(Map.of("segments", SEGMENTS, "tables", TABLES, "load_history", LOAD_HISTORY));
    }

    @Override
    protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
        return Map.of(
                "tables", new SystemTable(TABLES, database, SystemSchema::tableRows),
                "segments", new SystemTable(SEGMENTS, database, SystemSchema::segmentRows),
                "load_history", new SystemTable(LOAD_HISTORY, database, SystemSchema::loadHistoryRows));
    }

    private static List<List<Literal>> tableRows(Database database) {
        List<List<Literal>> rows = new ArrayList<>();
        for (Snapshot snapshot : snapshots(database)) {
            rows.add(List.of(
                    new Literal(snapshot.tableName(), ColumnType.VARCHAR),
                    new Literal(snapshot.version(), ColumnType.BIGINT),
                    new Literal(snapshot.rowCount(), ColumnType.BIGINT),
                    new Literal(snapshot.segmentCount(), ColumnType.INTEGER),
                    new Literal(snapshot.schema().size(), ColumnType.INTEGER),
                    new Literal((long) snapshot.deltaRowCount(), ColumnType.BIGINT)));
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

    /** One row per load, oldest first; times in UTC. */
    private static List<List<Literal>> loadHistoryRows(Database database) {
        List<List<Literal>> rows = new ArrayList<>();
        for (LoadRecord load : LoadHistory.read(database.directory())) {
            rows.add(List.of(
                    new Literal(load.tableName(), ColumnType.VARCHAR),
                    new Literal(load.partitionSpec(), ColumnType.VARCHAR),
                    new Literal(load.source(), ColumnType.VARCHAR),
                    new Literal(load.mode(), ColumnType.VARCHAR),
                    new Literal(load.rowsLoaded(), ColumnType.BIGINT),
                    new Literal(load.rowsRejected(), ColumnType.BIGINT),
                    new Literal(load.bytes(), ColumnType.BIGINT),
                    new Literal(LocalDateTime.ofInstant(load.startedAt(), ZoneOffset.UTC), ColumnType.TIMESTAMP),
                    new Literal(LocalDateTime.ofInstant(load.finishedAt(), ZoneOffset.UTC), ColumnType.TIMESTAMP),
                    new Literal(load.status(), ColumnType.VARCHAR),
                    new Literal(load.error(), ColumnType.VARCHAR)));
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
