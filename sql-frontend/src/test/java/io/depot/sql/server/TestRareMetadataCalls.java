package io.depot.sql.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.sql.DepotSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DatabaseMetaData calls {@link TestToolMetadata}'s tool sequences leave out, made by DBeaver's
 * table editor (version columns, super tables, column privileges) and by generic tools that
 * probe user-defined types: each answers an empty result with JDBC's columns, never throws.
 */
class TestRareMetadataCalls {
    @TempDir
    static Path directory;
    private static DepotSql sql;
    private static DepotServer server;

    @BeforeAll
    static void start() {
        sql = DepotSql.open(directory.resolve("db"));
        sql.prepare("CREATE TABLE sales (id INTEGER, city VARCHAR)").executeUpdate();
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
            return DriverManager.getConnection("jdbc:depot:" + directory.resolve("db"));
        }
        return DriverManager.getConnection(
                server.jdbcUrl().replace("jdbc:avatica:remote:", "jdbc:depot:remote:"), "bi", "bi-pass");
    }

    @ParameterizedTest
    @MethodSource("drivers")
    void answerEmptyResultsOfJdbcShape(String driver) throws SQLException {
        try (Connection connection = connect(driver)) {
            DatabaseMetaData metaData = connection.getMetaData();
            assertEmpty(metaData.getVersionColumns(null, "main", "sales"), "SCOPE", "COLUMN_NAME", "PSEUDO_COLUMN");
            assertEmpty(metaData.getSuperTables(null, "main", "sales"), "TABLE_NAME", "SUPERTABLE_NAME");
            assertEmpty(metaData.getSuperTypes(null, "main", "%"), "TYPE_NAME", "SUPERTYPE_NAME");
            assertEmpty(metaData.getColumnPrivileges(null, "main", "sales", "%"), "COLUMN_NAME", "PRIVILEGE");
            assertEmpty(metaData.getAttributes(null, "main", "%", "%"), "TYPE_NAME", "ATTR_NAME");
        }
    }

    private static void assertEmpty(ResultSet result, String... columns) throws SQLException {
        try (result) {
            for (String column : columns) {
                assertThat(result.findColumn(column)).isPositive();
            }
            assertThat(result.next()).isFalse();
        }
    }
}
