package io.depot.benchmarks.tpch;

import io.depot.sql.tpch.TpchSchema;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.StringJoiner;
import org.h2.engine.Constants;

/**
 * H2 in process over JDBC, in a database file, loaded with CSVREAD. It gets the TPC-H primary
 * keys, as its users would declare them: without indexes its joins are nested loops over whole
 * tables and nearly every query runs out of time. partsupp's key is a plain index instead, as
 * below SF 0.01 the generator repeats some (partkey, suppkey) pairs.
 */
final class H2Engine extends JdbcEngine {
    private static final Map<String, String> PRIMARY_KEYS = Map.of(
            "region", "r_regionkey",
            "nation", "n_nationkey",
            "part", "p_partkey",
            "supplier", "s_suppkey",
            "customer", "c_custkey",
            "orders", "o_orderkey",
            "lineitem", "l_orderkey, l_linenumber");
    private static final Map<String, String> INDEXES = Map.of("partsupp", "ps_partkey, ps_suppkey");
    /** H2's page cache, in KiB. */
    private static final int CACHE_KIB = 1 << 20;

    private final Path directory;

    H2Engine(Path directory, int timeoutSeconds) {
        super(timeoutSeconds);
        this.directory = directory;
    }

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String description() {
        return "H2 " + Constants.FULL_VERSION + " (JDBC, in process, database file, TPC-H keys indexed, cache "
                + Bytes.format(CACHE_KIB * 1024L) + ")";
    }

    @Override
    public void load(Map<TpchTable<?>, Path> csvFiles) throws Exception {
        DirectorySize.delete(directory);
        connection = DriverManager.getConnection(
                "jdbc:h2:file:" + directory.resolve("tpch").toAbsolutePath() + ";CACHE_SIZE=" + CACHE_KIB, "sa", "");
        for (Map.Entry<TpchTable<?>, Path> entry : csvFiles.entrySet()) {
            TpchTable<?> table = entry.getKey();
            StringJoiner columns = new StringJoiner("|");
            for (TpchColumn<?> column : table.getColumns()) {
                columns.add(column.getColumnName());
            }
            String csv = entry.getValue().toAbsolutePath().toString().replace("'", "''");
            executeStatements(TpchSchema.createTable(table),
                    "INSERT INTO " + table.getTableName() + " SELECT * FROM CSVREAD('" + csv + "', '" + columns
                            + "', 'charset=UTF-8 fieldSeparator=| fieldDelimiter=\"')",
                    keyStatement(table.getTableName()));
        }
        executeStatements("CHECKPOINT SYNC");
    }

    private static String keyStatement(String table) {
        String primaryKey = PRIMARY_KEYS.get(table);
        return primaryKey != null
                ? "ALTER TABLE " + table + " ADD PRIMARY KEY (" + primaryKey + ")"
                : "CREATE INDEX " + table + "_key ON " + table + " (" + INDEXES.get(table) + ")";
    }

    @Override
    public long bytesOnDisk() throws Exception {
        return DirectorySize.bytes(directory);
    }
}
