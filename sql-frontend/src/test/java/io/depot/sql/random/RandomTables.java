package io.depot.sql.random;

import io.depot.sql.DepotSql;
import io.depot.sql.SqlTestSupport;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random tables loaded identically into Depot and DuckDB: {@code t1} and {@code t2} (NULLs in
 * every column but the unique {@code id}, duplicates, skewed keys, Korean and empty strings,
 * negative decimals) and {@code empty_t} with no rows.
 */
final class RandomTables {
    private static TableSchema schema(ColumnType valueType) {
        return TableSchema.of(
                Column.nullable("id", ColumnType.INTEGER),
                Column.nullable("k", ColumnType.INTEGER),
                Column.nullable("g", ColumnType.VARCHAR),
                Column.nullable("v", valueType),
                Column.nullable("d", ColumnType.DATE));
    }

    private static String ddl(ColumnType valueType) {
        return "(id INTEGER, k INTEGER, g VARCHAR, v " + valueType + ", d DATE)";
    }
    private static final List<String> STRINGS = Arrays.asList("a", "b", "ab", "서울", "", null, "Abc", "b");

    private RandomTables() {}

    /** @param valueType the type of column {@code v}: DECIMAL(10,2), or a wide DECIMAL(38,2) */
    static void load(Random random, DepotSql depot, Connection duckdb, ColumnType valueType) throws SQLException {
        load("t1", rows(random, 200 + random.nextInt(200)), depot, duckdb, valueType);
        load("t2", rows(random, 20 + random.nextInt(60)), depot, duckdb, valueType);
        load("empty_t", List.of(), depot, duckdb, valueType);
    }

    private static List<List<Object>> rows(Random random, int count) {
        List<List<Object>> rows = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            // Skew: half of the keys are 0 or 1.
            Integer k = random.nextInt(10) == 0 ? null : random.nextBoolean() ? random.nextInt(2) : random.nextInt(12);
            rows.add(Arrays.asList(
                    id,
                    k,
                    STRINGS.get(random.nextInt(STRINGS.size())),
                    random.nextInt(8) == 0 ? null : BigDecimal.valueOf(random.nextInt(40_000) - 15_000, 2),
                    random.nextInt(9) == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(40))));
        }
        return rows;
    }

    private static void load(String table, List<List<Object>> rows, DepotSql depot, Connection duckdb,
            ColumnType valueType) throws SQLException {
        SqlTestSupport.writeTable(depot, table, schema(valueType), rows);
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE TABLE " + table + " " + ddl(valueType));
        }
        try (PreparedStatement insert = duckdb.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?)")) {
            for (List<Object> row : rows) {
                for (int c = 0; c < row.size(); c++) {
                    insert.setObject(c + 1, row.get(c));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
