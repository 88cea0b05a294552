package io.depot.sql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import io.depot.sql.FileAccess;
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

/** Remote SQL reads server files only inside the directory {@code --allow-files} names. */
class TestServerFileAccess {
    @TempDir
    private Path directory;
    private Path allowed;
    private Path secret;
    private DepotSql sql;
    private UserStore users;
    private DepotServer server;

    @BeforeEach
    void setUp() throws Exception {
        sql = DepotSql.open(directory.resolve("db"));
        Path usersFile = directory.resolve("users.properties");
        UserStore.addUser(usersFile, "analyst", Role.READ_ONLY, "secret-1".toCharArray(), TestDepotServer.TEST_ITERATIONS);
        users = UserStore.load(usersFile);
        allowed = Files.createDirectories(directory.resolve("exports"));
        Files.writeString(allowed.resolve("orders.csv"), "id,city\n1,서울\n2,부산\n");
        Files.createDirectories(allowed.resolve("daily"));
        Files.writeString(allowed.resolve("daily/d1.csv"), "id\n1\n");
        Files.writeString(allowed.resolve("daily/d2.csv"), "id\n2\n");
        secret = directory.resolve("secret.csv");
        Files.writeString(secret, "password\nhunter2\n");
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        sql.close();
    }

    private void start(FileAccess access) {
        server = DepotServer.start(sql, new ServerOptions(ServerOptions.LOCAL_HOST, 0, users, access, 0,
                ServerOptions.DEFAULT_FRAME_ROWS, ServerOptions.DEFAULT_IDLE_TIMEOUT_MILLIS));
    }

    private long count(String from) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        server.jdbcUrl() + ";avatica_user=analyst;avatica_password=secret-1");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + from)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String csv(Object path) {
        return "read_csv('" + path.toString().replace("'", "''") + "')";
    }

    @Test
    void byDefaultARemoteReadOfAServerFileIsRefused() {
        start(FileAccess.NONE);
        assertThatThrownBy(() -> count(csv(secret)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Reading file[" + secret + "] is not allowed")
                .hasMessageContaining("may not read files on the server");
        assertThatThrownBy(() -> count(csv(directory + "/*.csv")))
                .isInstanceOf(SQLException.class).hasMessageContaining("not allowed");
    }

    @Test
    void anAllowedDirectoryCanBeReadByRelativeOrAbsoluteNamesAndGlobs() throws SQLException {
        start(FileAccess.under(allowed));
        assertThat(count(csv("orders.csv"))).isEqualTo(2);
        assertThat(count(csv(allowed.resolve("orders.csv")))).isEqualTo(2);
        assertThat(count(csv("daily/*.csv"))).isEqualTo(2);
        assertThat(count(csv(allowed + "/daily/*.csv"))).isEqualTo(2);
    }

    @Test
    void nothingOutsideTheAllowedDirectoryIsReadable() throws Exception {
        start(FileAccess.under(allowed));
        Files.createSymbolicLink(allowed.resolve("link.csv"), secret);
        Files.createSymbolicLink(allowed.resolve("up"), directory);
        for (String escape : new String[] {csv(secret), csv("../secret.csv"), csv("link.csv"), csv("up/secret.csv"),
                csv("../*.csv"), csv("up/*.csv"), csv(directory + "/*.csv"), csv("daily/../../secret.csv")}) {
            assertThatThrownBy(() -> count(escape)).as(escape)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("not allowed: this session may read files only under directory[" + allowed.toRealPath());
        }
    }
}
