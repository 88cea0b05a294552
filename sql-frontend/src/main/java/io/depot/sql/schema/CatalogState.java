package io.depot.sql.schema;

import static java.util.Objects.requireNonNull;

import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.ViewDefinition;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every name a statement looked up in the default schema stood for when it was planned: a
 * table at one committed state, a view's definition, or nothing. A plan kept for reuse (see
 * {@code PlanCache}) is still the plan the statement would get now only while {@link #isCurrent}
 * holds: no table it read was written, replaced or dropped, no view it expanded was redefined,
 * and no name it found empty has appeared. It reads the table manifests on disk, so writes by
 * other processes count too.
 */
public final class CatalogState {
    /** What one name stood for; compared with {@code equals}. */
    private sealed interface Entry permits TableState, ViewState, Absent {}

    /**
     * A table's committed state. The version alone is not enough: a table dropped and created
     * again (by another process, say) starts counting anew, but its segments are new files.
     */
    private record TableState(String name, long version, int deltaRows, TableSchema schema, List<String> segmentIds)
            implements Entry {
        static TableState of(Snapshot snapshot) {
            List<String> segments = new ArrayList<>(snapshot.segmentCount());
            for (int i = 0; i < snapshot.segmentCount(); i++) {
                segments.add(snapshot.segmentId(i));
            }
            return new TableState(snapshot.tableName(), snapshot.version(), snapshot.deltaRowCount(),
                    snapshot.schema(), List.copyOf(segments));
        }
    }

    private record ViewState(ViewDefinition view) implements Entry {}

    private record Absent() implements Entry {}

    private final Map<String, Entry> names;

    private CatalogState(Map<String, Entry> names) {
        this.names = Map.copyOf(names);
    }

    /** The state behind the names this schema resolved while planning one statement. */
    static CatalogState of(Map<String, Optional<org.apache.calcite.schema.Table>> resolved) {
        Map<String, Entry> names = new java.util.HashMap<>();
        resolved.forEach((name, table) -> names.put(name, table.map(CatalogState::entry).orElse(new Absent())));
        return new CatalogState(names);
    }

    private static Entry entry(org.apache.calcite.schema.Table table) {
        if (table instanceof DepotCalciteTable depotTable) {
            return TableState.of(depotTable.plannedSnapshot());
        }
        if (table instanceof DepotViewTable view) {
            return new ViewState(view.view());
        }
        throw new IllegalStateException("Unexpected table in the default schema: " + table.getClass().getName());
    }

    /** Whether every name still stands for what it did when the statement was planned. */
    public boolean isCurrent(Database database) {
        requireNonNull(database, "database is null");
        for (Map.Entry<String, Entry> name : names.entrySet()) {
            if (!name.getValue().equals(now(database, name.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** What the name stands for now, resolved as {@link DepotSchema} does: a table, else a view. */
    private static Entry now(Database database, String name) {
        Optional<Entry> table = database.table(name).flatMap(CatalogState::snapshot).map(TableState::of);
        if (table.isPresent()) {
            return table.get();
        }
        return database.views().view(name).<Entry>map(ViewState::new).orElse(new Absent());
    }

    /**
     * The table's latest snapshot; empty when it was dropped since it was looked up. Any other
     * failure also reads as "changed": planning again reports it properly.
     */
    private static Optional<Snapshot> snapshot(io.depot.storage.table.Table table) {
        try {
            return Optional.of(table.snapshot());
        } catch (io.depot.storage.DepotException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "CatalogState" + names.keySet();
    }
}
