package io.depot.sql.jdbc;

import static io.depot.sql.SqlTestSupport.row;
import static io.depot.sql.SqlTestSupport.writeTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.calcite.avatica.Meta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver end to end: DriverManager, SQL through DepotSql, rows and metadata back. */
class TestDepotDriver {
    private static final TableSchema SALES = TableSchema.of(
            new Column("id", ColumnType.INTEGER, false),
            Column.nullable("region", ColumnType.VARCHAR),
            Column.nullable("amount", ColumnType.decimal(10, 2)),
            Column.nullable("sold_on", ColumnType.DATE),
            Column.nullable("sold_at", ColumnType.TIMESTAMP),
            Column.nullable("quantity", ColumnType.BIGINT),
            Column.nullable("paid", ColumnType.BOOLEAN),
            Column.nullable("ratio", ColumnType.DOUBLE));

    private static final List<List<Object>> SALES_ROWS = List.of(
            row(1, "north", new BigDecimal("12.50"), LocalDate.of(2024, 1, 1),
                    LocalDateTime.of(2024, 1, 1, 0, 15, 30, 250_000_000), 3L, true, 0.5),
            row(2, "서울", new BigDecimal("-7.05"), LocalDate.of(1969, 12, 31),
                    LocalDateTime.of(2024, 3, 10, 23, 59, 59), 9_000_000_000L, false, -1.25),
            row(3, null, null, null, null, null, null, null));

    @TempDir
    private Path directory;
    private TimeZone originalZone;

    @BeforeEach
    void rememberTimeZone() {
        originalZone = TimeZone.getDefault();
    }

    @AfterEach
    void restoreTimeZone() {
        TimeZone.setDefault(originalZone);
    }

    @Test
    void isRegisteredForDepotUrlsOnly() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:depot:mem:")).isInstanceOf(DepotDriver.class);
        assertThat(new DepotDriver().acceptsURL("jdbc:h2:mem:")).isFalse();
    }

    @Test
    void returnsTypedRowsAndDescribesTheirColumns() throws SQLException {
        try (Connection connection = connectWithSales();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT id, region, amount, sold_on, sold_at, quantity, paid, ratio FROM sales ORDER BY id")) {
            ResultSetMetaData metaData = result.getMetaData();
            assertThat(metaData.getColumnCount()).isEqualTo(8);
            assertThat(columnTypes(metaData)).containsExactly(
                    Types.INTEGER, Types.VARCHAR, Types.DECIMAL, Types.DATE, Types.TIMESTAMP, Types.BIGINT,
                    Types.BOOLEAN, Types.DOUBLE);
            assertThat(metaData.getColumnTypeName(3)).isEqualTo("DECIMAL");
            assertThat(metaData.getPrecision(3)).isEqualTo(10);
            assertThat(metaData.getScale(3)).isEqualTo(2);
            assertThat(metaData.getColumnLabel(2)).isEqualToIgnoringCase("region");
            assertThat(metaData.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(metaData.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);

            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
            assertThat(result.getString(2)).isEqualTo("north");
            assertThat(result.getBigDecimal(3)).isEqualTo(new BigDecimal("12.50"));
            assertThat(result.getObject(3)).isEqualTo(new BigDecimal("12.50"));
            assertThat(result.getObject(4, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 1));
            assertThat(result.getObject(5, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 15, 30, 250_000_000));
            assertThat(result.getLong(6)).isEqualTo(3L);
            assertThat(result.getBoolean(7)).isTrue();
            assertThat(result.getDouble(8)).isEqualTo(0.5);

            assertThat(result.next()).isTrue();
            assertThat(result.getString("region")).isEqualTo("서울");
            assertThat(result.getBigDecimal("amount")).isEqualTo(new BigDecimal("-7.05"));
            assertThat(result.getObject("quantity")).isEqualTo(9_000_000_000L);
            assertThat(result.getObject("paid")).isEqualTo(false);

            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(3);
            for (int column = 2; column <= 8; column++) {
                assertThat(result.getObject(column)).isNull();
                assertThat(result.wasNull()).isTrue();
            }
            assertThat(result.getLong(6)).isZero();
            assertThat(result.wasNull()).isTrue();
            assertThat(result.next()).isFalse();
        }
    }

    @Test
    void datesAndTimestampsShowTheStoredValuesInANonUtcZone() throws SQLException {
        for (String zone : List.of("America/Los_Angeles", "Asia/Seoul")) {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            try (Connection connection = connectWithSales();
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT sold_on, sold_at FROM sales ORDER BY id")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getDate(1).toString()).isEqualTo("2024-01-01");
                assertThat(result.getTimestamp(2).toString()).isEqualTo("2024-01-01 00:15:30.25");
                assertThat(result.getString(2)).isEqualTo("2024-01-01 00:15:30.25");
                assertThat(result.next()).isTrue();
                assertThat(result.getDate("sold_on").toString()).isEqualTo("1969-12-31");
                assertThat(result.getObject("sold_on", LocalDate.class)).isEqualTo(LocalDate.of(1969, 12, 31));
                assertThat(result.getTimestamp("sold_at").toLocalDateTime()).isEqualTo(LocalDateTime.of(2024, 3, 10, 23, 59, 59));
            }
        }
    }

    @Test
    void preparedStatementsRunAgainAndSeeNewData() throws SQLException {
        try (Connection connection = connectWithSales();
                PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM sales")) {
            assertThat(statement.getMetaData().getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(singleLong(statement)).isEqualTo(3L);
            writeTable(sql(connection), "sales", SALES, List.of(SALES_ROWS.get(0)));
            assertThat(singleLong(statement)).isEqualTo(4L);
        }
    }

    @Test
    void parametersAreTypedAndBoundOnEachExecution() throws SQLException {
        TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
        try (Connection connection = connectWithSales();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id FROM sales WHERE amount > ? AND sold_on >= ? AND region <> ? ORDER BY id LIMIT ?")) {
            java.sql.ParameterMetaData parameters = statement.getParameterMetaData();
            assertThat(parameters.getParameterCount()).isEqualTo(4);
            assertThat(parameters.getParameterType(1)).isEqualTo(Types.DECIMAL);
            assertThat(parameters.getScale(1)).isEqualTo(2);
            assertThat(parameters.getParameterType(2)).isEqualTo(Types.DATE);
            assertThat(parameters.getParameterType(3)).isEqualTo(Types.VARCHAR);

            statement.setBigDecimal(1, new BigDecimal("-10"));
            statement.setDate(2, java.sql.Date.valueOf("1969-12-31"));
            statement.setString(3, "nowhere");
            statement.setInt(4, 5);
            assertThat(ids(statement)).containsExactly(1, 2);

            statement.setBigDecimal(1, BigDecimal.ZERO);
            assertThat(ids(statement)).containsExactly(1);

            statement.setDate(2, java.sql.Date.valueOf("2024-01-02"));
            assertThat(ids(statement)).isEmpty();

            statement.setNull(2, Types.DATE);
            assertThat(ids(statement)).isEmpty();
        }
    }

    @Test
    void aBadParameterValueIsAnSqlExceptionNamingIt() throws SQLException {
        try (Connection connection = connectWithSales();
                PreparedStatement statement = connection.prepareStatement("SELECT id FROM sales WHERE quantity = ?")) {
            statement.setString(1, "many");
            assertThatThrownBy(statement::executeQuery)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Parameter 1 value[many]")
                    .hasMessageContaining("BIGINT");
        }
    }

    private static List<Integer> ids(PreparedStatement statement) throws SQLException {
        List<Integer> ids = new java.util.ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                ids.add(result.getInt(1));
            }
        }
        return ids;
    }

    @Test
    void connectionsToOneDirectoryShareOneDatabase() throws SQLException {
        int openBefore = SharedDatabases.openCount();
        try (Connection first = connectWithSales(); Connection second = connect();
                Connection sameDirectory = DriverManager.getConnection("jdbc:depot:" + directory.resolve("."))) {
            assertThat(sql(second)).isSameAs(sql(first));
            assertThat(sql(sameDirectory)).isSameAs(sql(first));
            assertThat(SharedDatabases.openCount()).isEqualTo(openBefore + 1);
            try (Statement statement = second.createStatement();
                    ResultSet result = statement.executeQuery("SELECT region FROM sales WHERE id = 2")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("서울");
            }
        }
        assertThat(SharedDatabases.openCount()).isEqualTo(openBefore);
        // the database closed with the last connection, so the directory opens again
        try (Connection again = connect(); Statement statement = again.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM sales")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(3L);
        }
    }

    @Test
    void threadsQueryOneDirectoryThroughTheirOwnConnections() throws Exception {
        try (Connection loader = connectWithSales()) {
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<Long>> counts = new ArrayList<>();
                for (int task = 0; task < 8; task++) {
                    counts.add(threads.submit(() -> {
                        try (Connection connection = connect(); Statement statement = connection.createStatement();
                                ResultSet result = statement.executeQuery("SELECT SUM(quantity) FROM sales")) {
                            result.next();
                            return result.getLong(1);
                        }
                    }));
                }
                for (Future<Long> count : counts) {
                    assertThat(count.get()).isEqualTo(9_000_000_003L);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(sql(loader).database().tableNames()).containsExactly("sales");
        }
    }

    @Test
    void badSqlIsAnSqlExceptionWithDepotsMessage() throws SQLException {
        try (Connection connection = connectWithSales(); Statement statement = connection.createStatement()) {
            String depotMessage = depotMessage(sql(connection), "SELECT no_such_column FROM sales");
            assertThatThrownBy(() -> statement.executeQuery("SELECT no_such_column FROM sales"))
                    .isInstanceOf(SQLException.class)
                    .hasMessage(depotMessage)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42000"));
            assertThatThrownBy(() -> connection.prepareStatement("SELEKT 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessage(depotMessage(sql(connection), "SELEKT 1"));
            // the connection stays usable after an error
            try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM sales")) {
                assertThat(result.next()).isTrue();
            }
        }
    }

    @Test
    void describesTablesAndColumns() throws SQLException {
        try (Connection connection = connectWithSales()) {
            DatabaseMetaData metaData = connection.getMetaData();
            assertThat(metaData.getDatabaseProductName()).isEqualTo("Depot");
            assertThat(metaData.storesMixedCaseIdentifiers()).isTrue();
            assertThat(metaData.storesUpperCaseIdentifiers()).isFalse();
            assertThat(metaData.getIdentifierQuoteString()).isEqualTo("\"");
            assertThat(connection.getSchema()).isEqualTo("main");
            assertThat(rows(metaData.getSchemas(), "TABLE_SCHEM")).containsExactly(CatalogRows.SCHEMA, "sys");
            assertThat(rows(metaData.getTableTypes(), "TABLE_TYPE")).containsExactly("SYSTEM TABLE", "TABLE", "VIEW");
            assertThat(rows(metaData.getCatalogs(), "TABLE_CAT")).isEmpty();
            assertThat(rows(metaData.getTables(null, null, "%", null), "TABLE_NAME")).containsExactly("sales", "load_history", "segments", "tables");
            assertThat(rows(metaData.getTables(null, "sys", "%", null), "TABLE_TYPE")).containsOnly("SYSTEM TABLE");
            assertThat(rows(metaData.getColumns(null, "sys", "tables", "row_count"), "TYPE_NAME")).containsExactly("BIGINT");
            assertThat(rows(metaData.getTables(null, "main", "SALES", new String[] {"TABLE"}), "TABLE_SCHEM"))
                    .containsExactly("main");
            assertThat(rows(metaData.getTables(null, "other", null, null), "TABLE_NAME")).isEmpty();

            try (ResultSet columns = metaData.getColumns(null, "main", "sales", null)) {
                List<String> described = new ArrayList<>();
                while (columns.next()) {
                    described.add(String.join(" ",
                            columns.getString("COLUMN_NAME"),
                            columns.getString("DATA_TYPE"),
                            columns.getString("TYPE_NAME"),
                            columns.getString("COLUMN_SIZE"),
                            String.valueOf(columns.getObject("DECIMAL_DIGITS")),
                            columns.getString("NULLABLE"),
                            columns.getString("IS_NULLABLE"),
                            columns.getString("ORDINAL_POSITION")));
                }
                assertThat(described).containsExactly(
                        "id 4 INTEGER 10 0 0 NO 1",
                        "region 12 VARCHAR 2147483647 null 1 YES 2",
                        "amount 3 DECIMAL 10 2 1 YES 3",
                        "sold_on 91 DATE 10 null 1 YES 4",
                        "sold_at 93 TIMESTAMP 26 6 1 YES 5",
                        "quantity -5 BIGINT 19 0 1 YES 6",
                        "paid 16 BOOLEAN 1 null 1 YES 7",
                        "ratio 8 DOUBLE 17 null 1 YES 8");
            }
            assertThat(rows(metaData.getColumns(null, null, "sales", "sold%"), "COLUMN_NAME"))
                    .containsExactly("sold_on", "sold_at");
            assertThat(rows(metaData.getTypeInfo(), "TYPE_NAME")).containsExactly(
                    "BIGINT", "DECIMAL", "INTEGER", "DOUBLE", "VARCHAR", "BOOLEAN", "DATE", "TIMESTAMP");
            assertThat(rows(metaData.getPrimaryKeys(null, "main", "sales"), "COLUMN_NAME")).isEmpty();
        }
    }

    @Test
    void memoryDatabasesArePrivateUnlessNamed() throws SQLException {
        try (Connection first = DriverManager.getConnection("jdbc:depot:mem:");
                Connection second = DriverManager.getConnection("jdbc:depot:mem:")) {
            writeTable(sql(first), "sales", SALES, SALES_ROWS);
            assertThat(rows(second.getMetaData().getTables(null, "main", null, null), "TABLE_NAME")).isEmpty();
        }
        try (Connection first = DriverManager.getConnection("jdbc:depot:mem:shared");
                Connection second = DriverManager.getConnection("jdbc:depot:mem:shared")) {
            writeTable(sql(first), "sales", SALES, SALES_ROWS);
            assertThat(rows(second.getMetaData().getTables(null, "main", null, null), "TABLE_NAME")).containsExactly("sales");
        }
    }

    @Test
    void closingEarlyOrWithTheConnectionFreesTheQuerysMemory() throws SQLException {
        try (Connection connection = connectWithSales()) {
            List<List<Object>> many = new ArrayList<>();
            for (int id = 0; id < 200_000; id++) {
                many.add(row(id, "region" + (id % 7), null, null, null, (long) id, null, null));
            }
            writeTable(sql(connection), "big", SALES, many);
            long baseline = sql(connection).database().allocator().getAllocatedMemory();

            Statement statement = connection.createStatement();
            ResultSet result = statement.executeQuery("SELECT id, region, quantity FROM big");
            assertThat(result.next()).isTrue();
            result.close();
            assertThat(sql(connection).database().allocator().getAllocatedMemory()).isEqualTo(baseline);

            statement.setMaxRows(5);
            try (ResultSet limited = statement.executeQuery("SELECT id FROM big")) {
                int rows = 0;
                while (limited.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(5);
            }

            // left open: closing the connection must close it
            ResultSet abandoned = connection.createStatement().executeQuery("SELECT id, region FROM big");
            assertThat(abandoned.next()).isTrue();
            DepotSql shared = sql(connection);
            try (Connection other = connect()) {
                connection.close();
                assertThat(shared.database().allocator().getAllocatedMemory()).isEqualTo(baseline);
                assertThat(sql(other)).isSameAs(shared);
            }
        }
    }

    @Test
    void servesRemoteClientsFrameByFrameInWireForm() throws Exception {
        try (Connection connection = connectWithSales()) {
            DepotConnection depot = connection.unwrap(DepotConnection.class);
            DepotMeta meta = depot.depotMeta();
            Meta.ConnectionHandle handle = new Meta.ConnectionHandle(depot.id);
            Meta.StatementHandle statement =
                    meta.prepare(handle, "SELECT id, sold_on, sold_at FROM sales ORDER BY id", -1);
            meta.execute(statement, List.of(), -1);
            Meta.Frame first = meta.fetch(statement, 0, 2);
            assertThat(first.done).isFalse();
            assertThat(first.rows).containsExactly(
                    List.of(1, 19_723, 1_704_068_130_250L),
                    List.of(2, -1, 1_710_115_199_000L));
            Meta.Frame last = meta.fetch(statement, 2, 2);
            assertThat(last.done).isTrue();
            assertThat(last.rows).containsExactly(Arrays.asList(3, null, null));
            meta.closeStatement(statement);
        }
    }

    @Test
    void aUrlWithoutDatabaseIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:depot:"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("names no database");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:depot:" + directory);
    }

    /** A connection to the test directory, with the sales table loaded once. */
    private Connection connectWithSales() throws SQLException {
        Connection connection = connect();
        if (sql(connection).database().table("sales").isEmpty()) {
            writeTable(sql(connection), "sales", SALES, SALES_ROWS);
        }
        return connection;
    }

    private static DepotSql sql(Connection connection) throws SQLException {
        return connection.unwrap(DepotConnection.class).sql();
    }

    private static String depotMessage(DepotSql sql, String statement) {
        try {
            sql.prepare(statement);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new IllegalStateException("statement is valid: " + statement);
    }

    private static long singleLong(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            assertThat(result.next()).isTrue();
            return result.getLong(1);
        }
    }

    private static List<Integer> columnTypes(ResultSetMetaData metaData) throws SQLException {
        List<Integer> types = new ArrayList<>();
        for (int column = 1; column <= metaData.getColumnCount(); column++) {
            types.add(metaData.getColumnType(column));
        }
        return types;
    }

    private static List<String> rows(ResultSet result, String column) throws SQLException {
        try (result) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(column));
            }
            return values;
        }
    }
}
