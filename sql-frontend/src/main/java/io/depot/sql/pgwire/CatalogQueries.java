package io.depot.sql.pgwire;

import io.depot.engine.exec.ResultStream;
import io.depot.sql.PreparedSql;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The pg_catalog queries of SQLAlchemy 1.4's PostgreSQL dialect (the reflection Superset runs:
 * schema, table and view names, has_table, a table's oid, columns, primary key, foreign keys,
 * indexes, unique and check constraints, comments, domains, enums) and psql's {@code \d},
 * {@code \dt} and {@code \dv} listings, recognized by their shape
 * and answered from Depot's {@code information_schema}, queried through the normal engine.
 * PostgreSQL-only syntax in them ({@code ::regclass}, {@code unnest}, {@code json_build_object})
 * is why they are mapped rather than run.
 *
 * <p>Table oids are handed out per server the first time a table is named and stay stable
 * while it runs, so an oid from one query finds the table in the next.
 */
final class CatalogQueries {
    private static final ColumnType TEXT = ColumnType.VARCHAR;
    private static final String LITERAL = "'((?:[^']|'')*)'";

    private static final Pattern SCHEMAS = compile(
            "select nspname from pg_namespace where nspname not like 'pg_%' order by nspname");
    private static final Pattern RELATIONS = compile(
            "select c\\.relname from pg_class c join pg_namespace n on n\\.oid ?= ?c\\.relnamespace "
                    + "where n\\.nspname ?= ?" + LITERAL + " and c\\.relkind (?:in|=) ?\\(?([^)]*)\\)?");
    private static final Pattern HAS_TABLE = compile(
            "select relname from pg_class c join pg_namespace n on n\\.oid ?= ?c\\.relnamespace "
                    + "where (?:pg_catalog\\.pg_table_is_visible\\(c\\.oid\\)|n\\.nspname ?= ?" + LITERAL + ") "
                    + "and relname ?= ?" + LITERAL);
    private static final Pattern TABLE_OID = compile(
            "select c\\.oid from pg_catalog\\.pg_class c left join pg_catalog\\.pg_namespace n on n\\.oid = c\\.relnamespace "
                    + "where (?:\\(pg_catalog\\.pg_table_is_visible\\(c\\.oid\\)\\)|n\\.nspname = " + LITERAL + ") "
                    + "and c\\.relname = " + LITERAL + " and c\\.relkind in \\(([^)]*)\\)");
    private static final Pattern COLUMNS = compile(
            "select a\\.attname, pg_catalog\\.format_type\\(a\\.atttypid, a\\.atttypmod\\), .* "
                    + "from pg_catalog\\.pg_attribute a .*where a\\.attrelid = (\\d+) and a\\.attnum > 0 .*");
    private static final Pattern DOMAINS = compile("select t\\.typname as \"name\", .*where t\\.typtype = 'd'.*");
    private static final Pattern ENUMS = compile("select t\\.typname as \"name\", .*where t\\.typtype = 'e'.*");
    private static final Pattern PRIMARY_KEY_COLUMNS = compile(
            "select a\\.attname from pg_attribute a join \\( select unnest\\(ix\\.indkey\\) attnum, .*"
                    + "where ix\\.indrelid = (\\d+) and ix\\.indisprimary \\) k on a\\.attnum ?= ?k\\.attnum .*");
    private static final Pattern PRIMARY_KEY_NAME = compile(
            "select conname from pg_catalog\\.pg_constraint r where r\\.conrelid = (\\d+) and r\\.contype = 'p' order by 1");
    private static final Pattern FOREIGN_KEYS = compile(
            "select r\\.conname, pg_catalog\\.pg_get_constraintdef\\(r\\.oid, true\\) as condef, .*r\\.contype = 'f'.*");
    private static final Pattern INDEXES = compile("select i\\.relname as relname, ix\\.indisunique, .*from pg_class t join pg_index ix .*");
    private static final Pattern UNIQUE_CONSTRAINTS = compile(
            "select cons\\.conname as name, cons\\.conkey as key, .*where cons\\.conrelid = (\\d+) and cons\\.contype = 'u'.*");
    private static final Pattern TABLE_COMMENT = compile(
            "select pgd\\.description as table_comment from pg_catalog\\.pg_description pgd where .*");
    private static final Pattern CHECK_CONSTRAINTS = compile(
            "select cons\\.conname as name, pg_get_constraintdef\\(cons\\.oid\\) as src .*cons\\.contype = 'c'.*");

    /** psycopg2's hstore lookup, which SQLAlchemy runs on every new connection. */
    private static final Pattern HSTORE = compile(
            "select t\\.oid, (?:typarray|null) from pg_type t join pg_namespace ns on typnamespace = ns\\.oid "
                    + "where typname = 'hstore'");

    /** psql's {@code \d}, {@code \dt} and {@code \dv} without a name pattern. */
    private static final Pattern PSQL_LIST = compile(
            "select n\\.nspname as \"schema\", c\\.relname as \"name\", case c\\.relkind .* end as \"type\", "
                    + "pg_catalog\\.pg_get_userbyid\\(c\\.relowner\\) as \"owner\" from pg_catalog\\.pg_class c .*"
                    + "where c\\.relkind in \\(([^)]*)\\) and n\\.nspname <> 'pg_catalog' .*"
                    + "and pg_catalog\\.pg_table_is_visible\\(c\\.oid\\) order by 1,2");

    private final Map<String, Integer> oids = new ConcurrentHashMap<>();
    private final Map<Integer, String[]> relations = new ConcurrentHashMap<>();
    private final AtomicInteger nextOid = new AtomicInteger(16_384);

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** The answer to a known catalog query, computed when the supplier is called; empty for other SQL. */
    Optional<Supplier<PgResult>> recognize(String statement, QueryRunner runner) {
        String sql = SqlText.normalize(statement).toLowerCase(Locale.ROOT).startsWith("select")
                ? SqlText.normalize(statement) : null;
        if (sql == null || !sql.toLowerCase(Locale.ROOT).contains("pg_")) {
            return Optional.empty();
        }
        Matcher m;
        if (SCHEMAS.matcher(sql).matches()) {
            return answer(() -> names(runner, "nspname",
                    "SELECT schema_name FROM information_schema.schemata ORDER BY schema_name", List.of()));
        }
        if ((m = RELATIONS.matcher(sql)).matches()) {
            String schema = unquote(m.group(1));
            List<String> types = tableTypes(m.group(2));
            return answer(() -> relationNames(runner, schema, types));
        }
        if ((m = HAS_TABLE.matcher(sql)).matches()) {
            String schema = m.group(1) == null ? io.depot.sql.schema.DepotSchema.DEFAULT_SCHEMA : unquote(m.group(1));
            String table = unquote(m.group(2));
            return answer(() -> names(runner, "relname",
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                    List.of(schema, table)));
        }
        if ((m = TABLE_OID.matcher(sql)).matches()) {
            String schema = m.group(1) == null ? io.depot.sql.schema.DepotSchema.DEFAULT_SCHEMA : unquote(m.group(1));
            String table = unquote(m.group(2));
            List<String> types = tableTypes(m.group(3));
            return answer(() -> tableOid(runner, schema, table, types));
        }
        if ((m = PSQL_LIST.matcher(sql)).matches()) {
            List<String> types = tableTypes(m.group(1));
            return answer(() -> psqlList(runner, types));
        }
        if ((m = COLUMNS.matcher(sql)).matches()) {
            int oid = Integer.parseInt(m.group(1));
            return answer(() -> columns(runner, oid));
        }
        if ((m = PRIMARY_KEY_COLUMNS.matcher(sql)).matches()) {
            int oid = Integer.parseInt(m.group(1));
            return answer(() -> primaryKey(runner, oid, false));
        }
        if ((m = PRIMARY_KEY_NAME.matcher(sql)).matches()) {
            int oid = Integer.parseInt(m.group(1));
            return answer(() -> primaryKey(runner, oid, true));
        }
        // Depot has no hstore, domains, enums, foreign keys, indexes, check constraints or comments
        if (HSTORE.matcher(sql).matches()) {
            return empty("oid", "typarray");
        }
        if (DOMAINS.matcher(sql).matches()) {
            return empty("name", "attype", "nullable", "default", "visible", "schema");
        }
        if (ENUMS.matcher(sql).matches()) {
            return empty("name", "visible", "schema", "label");
        }
        if (FOREIGN_KEYS.matcher(sql).matches()) {
            return empty("conname", "condef", "conschema");
        }
        if (INDEXES.matcher(sql).matches()) {
            return empty("relname", "indisunique", "indexprs", "attname", "attnum", "conrelid", "indkey", "indoption",
                    "reloptions", "amname", "pg_get_expr", "indnkeyatts");
        }
        if ((m = UNIQUE_CONSTRAINTS.matcher(sql)).matches()) {
            int oid = Integer.parseInt(m.group(1));
            return answer(() -> uniqueKeys(runner, oid));
        }
        if (TABLE_COMMENT.matcher(sql).matches()) {
            return empty("table_comment");
        }
        if (CHECK_CONSTRAINTS.matcher(sql).matches()) {
            return empty("name", "src");
        }
        return Optional.empty();
    }

    /** The oid of a table, handed out on first use. */
    int oid(String schema, String table) {
        String key = schema + "\u0000" + table;
        return oids.computeIfAbsent(key, ignored -> {
            int oid = nextOid.getAndIncrement();
            relations.put(oid, new String[] {schema, table});
            return oid;
        });
    }

    private static Optional<Supplier<PgResult>> answer(Supplier<PgResult> supplier) {
        return Optional.of(supplier);
    }

    private static Optional<Supplier<PgResult>> empty(String... columns) {
        List<PgResult.Field> fields = Arrays.stream(columns).map(name -> new PgResult.Field(name, TEXT)).toList();
        return Optional.of(() -> new ValuesResult(fields, List.of()));
    }

    /** information_schema table types for pg_class relkinds: r/p tables, v views; m and f Depot has none of. */
    private static List<String> tableTypes(String relkinds) {
        List<String> types = new ArrayList<>();
        for (String kind : relkinds.replace("'", "").split("\\s*,\\s*")) {
            switch (kind.strip()) {
                case "r", "p" -> types.addAll(List.of("BASE TABLE", "SYSTEM TABLE"));
                case "v" -> types.add("VIEW");
                default -> { }
            }
        }
        return types;
    }

    private PgResult relationNames(QueryRunner runner, String schema, List<String> types) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : query(runner,
                "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name",
                List.of(schema))) {
            if (types.contains((String) row.get(1))) {
                rows.add(List.of(row.get(0)));
            }
        }
        return new ValuesResult(List.of(new PgResult.Field("relname", TEXT)), rows);
    }

    /** psql's relation list: the tables and views of the search path ({@code main}), with psql's type names. */
    private PgResult psqlList(QueryRunner runner, List<String> types) {
        String schema = io.depot.sql.schema.DepotSchema.DEFAULT_SCHEMA;
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : query(runner, "SELECT table_name, table_type FROM information_schema.tables "
                + "WHERE table_schema = ? ORDER BY table_name", List.of(schema))) {
            if (types.contains((String) row.get(1))) {
                rows.add(List.of(schema, row.get(0), "VIEW".equals(row.get(1)) ? "view" : "table", SessionCommands.DATABASE));
            }
        }
        return new ValuesResult(List.of(new PgResult.Field("Schema", TEXT), new PgResult.Field("Name", TEXT),
                new PgResult.Field("Type", TEXT), new PgResult.Field("Owner", TEXT)), rows);
    }

    private PgResult tableOid(QueryRunner runner, String schema, String table, List<String> types) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : query(runner,
                "SELECT table_type FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                List.of(schema, table))) {
            if (types.contains((String) row.get(0))) {
                rows.add(List.of((long) oid(schema, table)));
            }
        }
        return new ValuesResult(List.of(new PgResult.Field("oid", ColumnType.BIGINT)), rows);
    }

    private PgResult columns(QueryRunner runner, int oid) {
        List<PgResult.Field> fields = List.of(new PgResult.Field("attname", TEXT), new PgResult.Field("format_type", TEXT),
                new PgResult.Field("default", TEXT), new PgResult.Field("attnotnull", ColumnType.BOOLEAN),
                new PgResult.Field("table_oid", ColumnType.BIGINT), new PgResult.Field("comment", TEXT),
                new PgResult.Field("generated", TEXT), new PgResult.Field("identity_options", TEXT));
        List<List<Object>> rows = new ArrayList<>();
        String[] relation = relations.get(oid);
        if (relation != null) {
            for (List<Object> row : query(runner, "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                    + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position", List.of(relation[0], relation[1]))) {
                ColumnType type = ColumnType.parse((String) row.get(1));
                rows.add(Arrays.asList(row.get(0), PgType.formatType(type), null, "NO".equals(row.get(2)), (long) oid,
                        null, "", null));
            }
        }
        return new ValuesResult(fields, rows);
    }

    private PgResult primaryKey(QueryRunner runner, int oid, boolean name) {
        String[] relation = relations.get(oid);
        List<List<Object>> rows = new ArrayList<>();
        if (relation != null) {
            String sql = name
                    ? "SELECT constraint_name FROM information_schema.table_constraints WHERE table_schema = ? "
                            + "AND table_name = ? AND constraint_type = 'PRIMARY KEY'"
                    : "SELECT k.column_name FROM information_schema.key_column_usage k "
                            + "JOIN information_schema.table_constraints c ON c.constraint_name = k.constraint_name "
                            + "AND c.table_schema = k.table_schema AND c.table_name = k.table_name "
                            + "WHERE k.table_schema = ? AND k.table_name = ? AND c.constraint_type = 'PRIMARY KEY' "
                            + "ORDER BY k.ordinal_position";
            for (List<Object> row : query(runner, sql, List.of(relation[0], relation[1]))) {
                rows.add(List.of(row.get(0)));
            }
        }
        return new ValuesResult(List.of(new PgResult.Field(name ? "conname" : "attname", TEXT)), rows);
    }

    /**
     * One row per column of each UNIQUE key: the key's name, its columns as table column numbers
     * ({@code int2[]} text such as {@code {3,1}}, in key order), and the column's number and name.
     */
    private PgResult uniqueKeys(QueryRunner runner, int oid) {
        List<PgResult.Field> fields = List.of(new PgResult.Field("name", TEXT),
                new PgResult.Field("key", TEXT, PgType.INT2_ARRAY), new PgResult.Field("col_num", ColumnType.INTEGER),
                new PgResult.Field("col_name", TEXT));
        String[] relation = relations.get(oid);
        List<List<Object>> rows = new ArrayList<>();
        if (relation == null) {
            return new ValuesResult(fields, rows);
        }
        List<List<Object>> keyColumns = query(runner, "SELECT k.constraint_name, k.column_name, col.ordinal_position "
                + "FROM information_schema.key_column_usage k "
                + "JOIN information_schema.table_constraints c ON c.constraint_name = k.constraint_name "
                + "AND c.table_schema = k.table_schema AND c.table_name = k.table_name "
                + "JOIN information_schema.columns col ON col.table_schema = k.table_schema "
                + "AND col.table_name = k.table_name AND col.column_name = k.column_name "
                + "WHERE k.table_schema = ? AND k.table_name = ? AND c.constraint_type = 'UNIQUE' "
                + "ORDER BY k.constraint_name, k.ordinal_position", List.of(relation[0], relation[1]));
        Map<Object, List<String>> keys = new java.util.LinkedHashMap<>();
        for (List<Object> row : keyColumns) {
            keys.computeIfAbsent(row.get(0), ignored -> new ArrayList<>()).add(row.get(2).toString());
        }
        for (List<Object> row : keyColumns) {
            rows.add(List.of(row.get(0), "{" + String.join(",", keys.get(row.get(0))) + "}", row.get(2), row.get(1)));
        }
        return new ValuesResult(fields, rows);
    }

    private PgResult names(QueryRunner runner, String column, String sql, List<Object> parameters) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : query(runner, sql, parameters)) {
            rows.add(List.of(row.get(0)));
        }
        return new ValuesResult(List.of(new PgResult.Field(column, TEXT)), rows);
    }

    /** Runs a catalog query through the engine; catalog results are small, so rows become Java values. */
    private static List<List<Object>> query(QueryRunner runner, String sql, List<Object> parameters) {
        PreparedSql prepared = runner.plan(sql);
        List<List<Object>> rows = new ArrayList<>();
        List<Column> columns = prepared.columns();
        try (ResultStream stream = prepared.executeQuery(parameters)) {
            for (VectorSchemaRoot batch = stream.next(); batch != null; batch = stream.next()) {
                try (VectorSchemaRoot closing = batch) {
                    for (int row = 0; row < closing.getRowCount(); row++) {
                        List<Object> values = new ArrayList<>(columns.size());
                        for (int column = 0; column < columns.size(); column++) {
                            values.add(ArrowValues.get(closing.getVector(column), columns.get(column).type(), row));
                        }
                        rows.add(values);
                    }
                }
            }
        }
        return rows;
    }

    private static String unquote(String literal) {
        return literal.replace("''", "'");
    }
}
