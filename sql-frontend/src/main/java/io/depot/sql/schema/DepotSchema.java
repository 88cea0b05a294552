package io.depot.sql.schema;

import static java.util.Objects.requireNonNull;

import io.depot.storage.table.Database;
import io.depot.storage.table.ViewDefinition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's view of a database's tables. Built fresh for every statement, so it always sees the
 * tables committed and the views stored when the statement was planned.
 *
 * <p>A name the statement uses is looked up alone ({@link #tables()}): its table's manifest, or
 * else its view. Listing every table (and reading every manifest and view) happens only when
 * Calcite asks for all names (metadata listings, name suggestions); Calcite's own case-insensitive
 * lookup would list them for every name. Each name resolves once per statement, so a table read
 * twice by one statement is one {@link DepotCalciteTable}, planned against one snapshot.
 */
public final class DepotSchema extends AbstractSchema {
    /** The schema user tables live in; the default schema of every connection. */
    public static final String DEFAULT_SCHEMA = "main";

    private final Database database;
    /** Names resolved so far, by lower-cased name (table and view names are unique ignoring case). */
    private final Map<String, Optional<Named<Table>>> resolved = new HashMap<>();
    private Map<String, Table> tables;
    private final Lookup<Table> lookup = new NameLookup();

    public DepotSchema(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    public Lookup<Table> tables() {
        return lookup;
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
            resolve(name).ifPresent(table -> tables.put(table.name(), table.entity()));
        }
        for (ViewDefinition view : database.views().views()) {
            // a table of the same name hides the view
            resolve(view.name()).ifPresent(named -> tables.putIfAbsent(named.name(), named.entity()));
        }
        return tables;
    }

    /**
     * What each name looked up so far stood for, for checking later that a plan made with this
     * schema still holds.
     */
    public CatalogState catalogState() {
        Map<String, Optional<Table>> tables = new HashMap<>();
        resolved.forEach((name, table) -> tables.put(name, table.map(Named::entity)));
        return CatalogState.of(tables);
    }

    /** The table, or else the view, with this name ignoring case, under its stored name. */
    private Optional<Named<Table>> resolve(String name) {
        return resolved.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> database.table(name)
                .<Named<Table>>map(table -> new Named<>(table.name(), new DepotCalciteTable(table)))
                .or(() -> database.views().view(name)
                        .map(view -> new Named<>(view.name(), new DepotViewTable(view, database)))));
    }

    /** Finds one name without listing the others; lists them all only when asked for names. */
    private final class NameLookup implements Lookup<Table> {
        @Override
        public @Nullable Table get(String name) {
            return resolve(name).filter(named -> named.name().equals(name)).map(Named::entity).orElse(null);
        }

        @Override
        public @Nullable Named<Table> getIgnoreCase(String name) {
            return resolve(name).orElse(null);
        }

        @Override
        public Set<String> getNames(LikePattern pattern) {
            Predicate1<String> matcher = pattern.matcher();
            return getTableMap().keySet().stream().filter(matcher::apply).collect(Collectors.toSet());
        }
    }
}
