package io.depot.sql.server;

import static io.depot.sql.SqlTestSupport.row;
import static io.depot.sql.SqlTestSupport.writeTable;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays what BI tools ask {@code DatabaseMetaData} when they connect and browse, against the
 * embedded driver and the server, and checks every answer: nothing may throw, result sets have
 * the columns JDBC specifies, and the rows describe the database.
 *
 * <p>The sequences are written down from the tools' JDBC code paths as of 2024-25 (DBeaver's
 * generic JDBC plugin, Tableau's "Other Databases (JDBC)" connector, Superset through a JDBC
 * SQLAlchemy dialect, Metabase's generic SQL-JDBC driver). They are the calls each makes, in
 * order, not a recording of one session; when a tool breaks on Depot, add its failing call here.
 */
class TestToolMetadata {
    @TempDir
    static Path directory;
    private static DepotSql sql;
    private static DepotServer server;

    @BeforeAll
    static void start() {
        sql = DepotSql.open(directory.resolve("db"));
        writeTable(sql, "sales", TableSchema.of(
                        new Column("id", ColumnType.INTEGER, false),
                        Column.nullable("city", ColumnType.VARCHAR),
                        Column.nullable("amount", ColumnType.decimal(12, 2)),
                        Column.nullable("sold_on", ColumnType.DATE)),
                List.of(row(1, "서울", new BigDecimal("10.50"), LocalDate.of(2024, 5, 1))));
        Path users = directory.resolve("users.properties");
        UserStore.addUser(users, "bi", Role.READ_ONLY, "bi-pass".toCharArray(), TestDepotServer.TEST_ITERATIONS);
        server = DepotServer.start(sql, ServerOptions.local(0, UserStore.load(users)));
    }

    @AfterAll
    static void stop() {
        server.close();
        sql.close();
    }

    static Stream<String> drivers() {
        return Stream.of("embedded", "remote");
    }

    private static Connection connect(String driver) throws SQLException {
        if (driver.equals("embedded")) {
            // the server holds the directory open in this JVM: embedded connections share it
            return DriverManager.getConnection("jdbc:depot:" + directory.resolve("db"));
        }
        return DriverManager.getConnection(
                server.jdbcUrl().replace("jdbc:avatica:remote:", "jdbc:depot:remote:"), "bi", "bi-pass");
    }

    /** DBeaver: connect (driver and dialect properties), then expand the navigator tree. */
    @ParameterizedTest
    @MethodSource("drivers")
    void dbeaverConnectsAndBrowses(String driver) throws SQLException {
        try (Connection connection = connect(driver)) {
            DatabaseMetaData metaData = connection.getMetaData();
            Map<String, Object> answers = answers(
                    ask("getDatabaseProductName", metaData::getDatabaseProductName),
                    ask("getDatabaseProductVersion", metaData::getDatabaseProductVersion),
                    ask("getDriverName", metaData::getDriverName),
                    ask("getDriverVersion", metaData::getDriverVersion),
                    ask("getDatabaseMajorVersion", metaData::getDatabaseMajorVersion),
                    ask("getDatabaseMinorVersion", metaData::getDatabaseMinorVersion),
                    ask("getJDBCMajorVersion", metaData::getJDBCMajorVersion),
                    ask("getIdentifierQuoteString", metaData::getIdentifierQuoteString),
                    ask("getSQLKeywords", metaData::getSQLKeywords),
                    ask("getNumericFunctions", metaData::getNumericFunctions),
                    ask("getStringFunctions", metaData::getStringFunctions),
                    ask("getSystemFunctions", metaData::getSystemFunctions),
                    ask("getTimeDateFunctions", metaData::getTimeDateFunctions),
                    ask("getSearchStringEscape", metaData::getSearchStringEscape),
                    ask("getExtraNameCharacters", metaData::getExtraNameCharacters),
                    ask("getCatalogSeparator", metaData::getCatalogSeparator),
                    ask("getCatalogTerm", metaData::getCatalogTerm),
                    ask("getSchemaTerm", metaData::getSchemaTerm),
                    ask("getProcedureTerm", metaData::getProcedureTerm),
                    ask("supportsCatalogsInDataManipulation", metaData::supportsCatalogsInDataManipulation),
                    ask("supportsSchemasInDataManipulation", metaData::supportsSchemasInDataManipulation),
                    ask("supportsSchemasInTableDefinitions", metaData::supportsSchemasInTableDefinitions),
                    ask("supportsTransactions", metaData::supportsTransactions),
                    ask("getDefaultTransactionIsolation", metaData::getDefaultTransactionIsolation),
                    ask("storesLowerCaseIdentifiers", metaData::storesLowerCaseIdentifiers),
                    ask("storesUpperCaseIdentifiers", metaData::storesUpperCaseIdentifiers),
                    ask("storesMixedCaseIdentifiers", metaData::storesMixedCaseIdentifiers),
                    ask("storesMixedCaseQuotedIdentifiers", metaData::storesMixedCaseQuotedIdentifiers),
                    ask("supportsMixedCaseQuotedIdentifiers", metaData::supportsMixedCaseQuotedIdentifiers),
                    ask("isReadOnly", metaData::isReadOnly),
                    ask("getUserName", metaData::getUserName),
                    ask("getURL", metaData::getURL),
                    ask("getMaxTableNameLength", metaData::getMaxTableNameLength),
                    ask("getAutoCommit", connection::getAutoCommit),
                    ask("getTransactionIsolation", connection::getTransactionIsolation),
                    ask("getCatalog", connection::getCatalog),
                    ask("getSchema", connection::getSchema));
            assertThat(answers.get("getIdentifierQuoteString")).isEqualTo("\"");
            assertThat((String) answers.get("getSQLKeywords")).isNotBlank();
            assertThat(answers.get("getStringFunctions")).isEqualTo("SUBSTRING");
            assertThat(answers.get("getAutoCommit")).isEqualTo(true);
            assertThat(answers.get("getSchema")).isEqualTo("main");
            if (driver.equals("embedded")) {
                // the thin driver reports Avatica as product, as for every Avatica server
                assertThat(answers.get("getDatabaseProductName")).isEqualTo("Depot");
            }

            // navigator: catalogs, schemas, tables, then a table's columns, keys and indexes
            assertShape(metaData.getClientInfoProperties(), 4);
            assertThat(column(metaData.getCatalogs(), "TABLE_CAT", 1)).isEmpty();
            assertThat(column(metaData.getSchemas(), "TABLE_SCHEM", 2)).containsExactly("main", "sys");
            assertThat(column(metaData.getSchemas(null, "m%"), "TABLE_SCHEM", 2)).containsExactly("main");
            assertThat(column(metaData.getTableTypes(), "TABLE_TYPE", 1)).contains("TABLE", "SYSTEM TABLE");
            assertThat(column(metaData.getTables(null, "main", "%", null), "TABLE_NAME", 10)).containsExactly("sales");
            assertThat(column(metaData.getTables(null, "main", "%", new String[] {"TABLE", "VIEW"}), "TABLE_NAME", 10))
                    .containsExactly("sales");
            assertThat(column(metaData.getTables(null, "main", "%", new String[] {"VIEW"}), "TABLE_NAME", 10)).isEmpty();
            assertThat(column(metaData.getTables(null, "sys", "%", new String[] {"SYSTEM TABLE"}), "TABLE_NAME", 10))
                    .contains("tables");
            assertColumns(metaData.getColumns(null, "main", "sales", "%"));
            assertShape(metaData.getPrimaryKeys(null, "main", "sales"), 6);
            assertShape(metaData.getImportedKeys(null, "main", "sales"), 14);
            assertShape(metaData.getExportedKeys(null, "main", "sales"), 14);
            assertShape(metaData.getIndexInfo(null, "main", "sales", false, true), 13);
            assertShape(metaData.getBestRowIdentifier(null, "main", "sales", DatabaseMetaData.bestRowSession, true), 8);
            assertShape(metaData.getTablePrivileges(null, "main", "sales"), 7);
            assertShape(metaData.getProcedures(null, "main", "%"), 9);
            assertShape(metaData.getProcedureColumns(null, "main", "%", "%"), 20);
            assertShape(metaData.getFunctionColumns(null, null, "%", "%"), 17);
            assertShape(metaData.getUDTs(null, "main", "%", null), 7);
            List<String> functions = column(metaData.getFunctions(null, null, "%"), "FUNCTION_NAME", 6);
            if (driver.equals("embedded")) {
                assertThat(functions).contains("COUNT", "SUBSTRING", "SUM");
            } else {
                // Avatica's protocol has no getFunctions request: the thin driver answers empty
                assertThat(functions).isEmpty();
            }
            assertThat(column(metaData.getFunctions(null, "main", "%"), "FUNCTION_NAME", 6)).isEmpty();
            assertTypeInfo(metaData.getTypeInfo());

            // opening the table's data tab
            try (Statement statement = connection.createStatement()) {
                statement.setMaxRows(200);
                try (ResultSet result = statement.executeQuery("SELECT * FROM \"main\".\"sales\"")) {
                    assertThat(result.getMetaData().getColumnCount()).isEqualTo(4);
                    assertThat(result.next()).isTrue();
                }
            }
        }
    }

    /** Tableau's "Other Databases (JDBC)": capabilities, schema and table pickers, a field probe. */
    @ParameterizedTest
    @MethodSource("drivers")
    void tableauConnectsAndDescribesATable(String driver) throws SQLException {
        try (Connection connection = connect(driver)) {
            DatabaseMetaData metaData = connection.getMetaData();
            answers(
                    ask("supportsGroupBy", metaData::supportsGroupBy),
                    ask("supportsOuterJoins", metaData::supportsOuterJoins),
                    ask("supportsFullOuterJoins", metaData::supportsFullOuterJoins),
                    ask("supportsSubqueriesInExists", metaData::supportsSubqueriesInExists),
                    ask("supportsSubqueriesInIns", metaData::supportsSubqueriesInIns),
                    ask("supportsCorrelatedSubqueries", metaData::supportsCorrelatedSubqueries),
                    ask("supportsUnion", metaData::supportsUnion),
                    ask("supportsUnionAll", metaData::supportsUnionAll),
                    ask("supportsOrderByUnrelated", metaData::supportsOrderByUnrelated),
                    ask("supportsExpressionsInOrderBy", metaData::supportsExpressionsInOrderBy),
                    ask("supportsColumnAliasing", metaData::supportsColumnAliasing),
                    ask("supportsLikeEscapeClause", metaData::supportsLikeEscapeClause),
                    ask("supportsMultipleResultSets", metaData::supportsMultipleResultSets),
                    ask("supportsBatchUpdates", metaData::supportsBatchUpdates),
                    ask("supportsGetGeneratedKeys", metaData::supportsGetGeneratedKeys),
                    ask("supportsResultSetType", () -> metaData.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)),
                    ask("getMaxColumnNameLength", metaData::getMaxColumnNameLength),
                    ask("getMaxStatementLength", metaData::getMaxStatementLength),
                    ask("getMaxConnections", metaData::getMaxConnections),
                    ask("nullsAreSortedHigh", metaData::nullsAreSortedHigh),
                    ask("nullPlusNonNullIsNull", metaData::nullPlusNonNullIsNull),
                    ask("getResultSetHoldability", metaData::getResultSetHoldability));
            assertThat(column(metaData.getSchemas(), "TABLE_SCHEM", 2)).contains("main");
            assertThat(column(metaData.getTables(null, "main", "%", new String[] {"TABLE", "VIEW", "SYSTEM TABLE"}),
                    "TABLE_NAME", 10)).containsExactly("sales");
            assertColumns(metaData.getColumns(null, "main", "sales", null));
            // Tableau learns a custom SQL's fields from a prepared statement before running it
            try (PreparedStatement prepared = connection.prepareStatement(
                    "SELECT city, SUM(amount) AS total FROM main.sales WHERE sold_on >= ? GROUP BY city")) {
                ResultSetMetaData fields = prepared.getMetaData();
                assertThat(fields.getColumnCount()).isEqualTo(2);
                assertThat(fields.getColumnType(2)).isEqualTo(Types.DECIMAL);
                assertThat(prepared.getParameterMetaData().getParameterType(1)).isEqualTo(Types.DATE);
                prepared.setDate(1, java.sql.Date.valueOf("2024-01-01"));
                try (ResultSet result = prepared.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1)).isEqualTo("서울");
                    assertThat(result.getBigDecimal(2)).isEqualByComparingTo("10.50");
                }
            }
        }
    }

    /** Superset (SQLAlchemy over JDBC) and Metabase: inspector calls while syncing a database. */
    @ParameterizedTest
    @MethodSource("drivers")
    void supersetAndMetabaseSyncTheSchema(String driver) throws SQLException {
        try (Connection connection = connect(driver)) {
            DatabaseMetaData metaData = connection.getMetaData();
            try (Statement ping = connection.createStatement(); ResultSet one = ping.executeQuery("SELECT 1")) {
                assertThat(one.next()).isTrue();
            }
            // get_schema_names, get_table_names, get_view_names, has_table
            assertThat(column(metaData.getSchemas(null, null), "TABLE_SCHEM", 2)).containsExactly("main", "sys");
            assertThat(column(metaData.getTables(null, "main", "%", new String[] {"TABLE"}), "TABLE_NAME", 10))
                    .containsExactly("sales");
            assertThat(column(metaData.getTables(null, "main", "%", new String[] {"VIEW"}), "TABLE_NAME", 10)).isEmpty();
            assertThat(column(metaData.getTables(null, "main", "sales", null), "TABLE_NAME", 10)).containsExactly("sales");
            assertThat(column(metaData.getTables(null, "main", "missing", null), "TABLE_NAME", 10)).isEmpty();
            // get_columns, get_pk_constraint, get_foreign_keys, get_indexes
            assertColumns(metaData.getColumns(null, "main", "sales", null));
            assertShape(metaData.getPrimaryKeys(null, "main", "sales"), 6);
            assertShape(metaData.getImportedKeys(null, "main", "sales"), 14);
            assertShape(metaData.getIndexInfo(null, "main", "sales", false, false), 13);
            // Metabase lists tables of every type it knows; unknown types select nothing
            assertThat(column(metaData.getTables(null, "main", "%", new String[] {
                    "TABLE", "PARTITIONED TABLE", "VIEW", "FOREIGN TABLE", "MATERIALIZED VIEW", "EXTERNAL TABLE"}),
                    "TABLE_NAME", 10)).containsExactly("sales");
            assertShape(metaData.getCrossReference(null, "main", "sales", null, "main", "sales"), 14);
            assertShape(metaData.getPseudoColumns(null, "main", "sales", "%"), 12);
        }
    }

    /** One getter a tool calls, by name. */
    private record Question(String name, Call call) {}

    @FunctionalInterface
    private interface Call {
        Object call() throws Exception;
    }

    private static Question ask(String name, Call call) {
        return new Question(name, call);
    }

    /** Calls each getter and keeps its answer; a getter that throws fails the test naming it. */
    private static Map<String, Object> answers(Question... questions) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Question question : questions) {
            try {
                answers.put(question.name(), question.call().call());
            } catch (Exception e) {
                throw new AssertionError(question.name() + " threw " + e, e);
            }
        }
        return answers;
    }

    /** getColumns for the sales table: JDBC types, sizes, digits, nullability, positions. */
    private static void assertColumns(ResultSet columns) throws SQLException {
        try (columns) {
            assertThat(columns.getMetaData().getColumnCount()).isGreaterThanOrEqualTo(24);
            List<String> described = new ArrayList<>();
            while (columns.next()) {
                described.add(String.join(" ",
                        columns.getString("TABLE_SCHEM"),
                        columns.getString("TABLE_NAME"),
                        columns.getString("COLUMN_NAME"),
                        String.valueOf(columns.getInt("DATA_TYPE")),
                        columns.getString("TYPE_NAME"),
                        String.valueOf(columns.getInt("COLUMN_SIZE")),
                        String.valueOf(columns.getObject("DECIMAL_DIGITS")),
                        String.valueOf(columns.getInt("NULLABLE")),
                        columns.getString("IS_NULLABLE"),
                        String.valueOf(columns.getInt("ORDINAL_POSITION"))));
            }
            assertThat(described).containsExactly(
                    "main sales id 4 INTEGER 10 0 0 NO 1",
                    "main sales city 12 VARCHAR 2147483647 null 1 YES 2",
                    "main sales amount 3 DECIMAL 12 2 1 YES 3",
                    "main sales sold_on 91 DATE 10 null 1 YES 4");
        }
    }

    private static void assertTypeInfo(ResultSet types) throws SQLException {
        try (types) {
            assertThat(types.getMetaData().getColumnCount()).isEqualTo(18);
            List<String> names = new ArrayList<>();
            while (types.next()) {
                names.add(types.getString("TYPE_NAME") + " " + types.getInt("DATA_TYPE"));
            }
            assertThat(names).contains("INTEGER 4", "BIGINT -5", "DECIMAL 3", "DOUBLE 8", "VARCHAR 12",
                    "BOOLEAN 16", "DATE 91", "TIMESTAMP 93");
        }
    }

    /** An empty result with the number of columns JDBC specifies for the call. */
    private static void assertShape(ResultSet result, int columns) throws SQLException {
        try (result) {
            assertThat(result.getMetaData().getColumnCount()).isEqualTo(columns);
            assertThat(result.next()).isFalse();
        }
    }

    private static List<String> column(ResultSet result, String name, int columns) throws SQLException {
        try (result) {
            assertThat(result.getMetaData().getColumnCount()).isEqualTo(columns);
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(name));
            }
            return values;
        }
    }
}
