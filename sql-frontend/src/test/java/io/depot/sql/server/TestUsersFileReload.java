package io.depot.sql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running server follows changes of its users file: added users log in, removed ones are refused. */
class TestUsersFileReload {
    @TempDir
    private Path directory;
    private Path users;
    private DepotSql sql;
    private DepotServer server;

    @BeforeEach
    void start() {
        sql = DepotSql.open(directory.resolve("db"));
        users = directory.resolve("users.properties");
        UserStore.addUser(users, "ana", Role.READ_ONLY, "pw-ana".toCharArray(), TestDepotServer.TEST_ITERATIONS);
        server = DepotServer.start(sql, ServerOptions.local(0, UserStore.watching(users)));
    }

    @AfterEach
    void stop() {
        server.close();
        sql.close();
    }

    private long one(String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        server.jdbcUrl() + ";avatica_user=" + user + ";avatica_password=" + password);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void addedUsersLogInAndRemovedOnesAreRefused() throws Exception {
        assertThat(one("ana", "pw-ana")).isEqualTo(1);
        assertThatThrownBy(() -> one("bo", "pw-bo")).hasStackTraceContaining("401");

        UserStore.addUser(users, "bo", Role.READ_WRITE, "pw-bo".toCharArray(), TestDepotServer.TEST_ITERATIONS);
        assertThat(one("bo", "pw-bo")).isEqualTo(1);

        UserStore.removeUser(users, "ana");
        assertThatThrownBy(() -> one("ana", "pw-ana")).hasStackTraceContaining("401");
        assertThat(one("bo", "pw-bo")).isEqualTo(1);
    }

    @Test
    void aBrokenUsersFileKeepsTheUsersReadLast() throws Exception {
        assertThat(one("ana", "pw-ana")).isEqualTo(1);
        Files.writeString(users, "ana = not-a-hash\n");
        assertThat(one("ana", "pw-ana")).isEqualTo(1);
    }
}
