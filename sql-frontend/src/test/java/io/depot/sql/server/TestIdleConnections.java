package io.depot.sql.server;

import static io.depot.sql.SqlTestSupport.writeTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections of clients that went away expire, with their statements and open results. */
class TestIdleConnections {
    private static final long IDLE_MILLIS = 1_500;

    @TempDir
    private Path directory;
    private DepotSql sql;
    private DepotServer server;

    @BeforeEach
    void start() {
        sql = DepotSql.open(directory.resolve("db"));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            rows.add(List.of((long) i));
        }
        writeTable(sql, "numbers", TableSchema.of(Column.nullable("n", ColumnType.BIGINT)), rows);
        Path users = directory.resolve("users.properties");
        UserStore.addUser(users, "analyst", Role.READ_ONLY, "secret-1".toCharArray(), TestDepotServer.TEST_ITERATIONS);
        server = DepotServer.start(sql, ServerOptions.local(0, UserStore.load(users)).withIdleTimeoutMillis(IDLE_MILLIS));
    }

    @AfterEach
    void stop() {
        server.close();
        sql.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl() + ";avatica_user=analyst;avatica_password=secret-1");
    }

    @Test
    void anAbandonedConnectionIsClosedAndItsOpenResultFreed() throws Exception {
        long baseline = sql.database().allocator().getAllocatedMemory();
        Connection abandoned = connect();
        Statement statement = abandoned.createStatement();
        statement.setFetchSize(10);
        ResultSet result = statement.executeQuery("SELECT n FROM numbers ORDER BY n");
        assertThat(result.next()).isTrue();
        assertThat(server.openConnections()).isEqualTo(1);
        // the client vanishes without closing anything
        long deadline = System.nanoTime() + 30_000_000_000L;
        // the sweeper drops the connection from the count before it closes its result
        while ((server.openConnections() > 0 || sql.database().allocator().getAllocatedMemory() != baseline)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.openConnections()).isZero();
        assertThat(sql.database().allocator().getAllocatedMemory()).isEqualTo(baseline);
        // Avatica's client reports it as a runtime exception from createStatement
        assertThatThrownBy(() -> abandoned.createStatement().executeQuery("SELECT 1"))
                .hasMessageContaining("is not open (closed, or expired after being idle); reconnect");
    }

    @Test
    void aConnectionInUseDoesNotExpire() throws Exception {
        try (Connection connection = connect()) {
            long end = System.nanoTime() + 3 * IDLE_MILLIS * 1_000_000L;
            while (System.nanoTime() < end) {
                try (Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT count(*) FROM numbers")) {
                    result.next();
                    assertThat(result.getLong(1)).isEqualTo(50_000);
                }
                Thread.sleep(IDLE_MILLIS / 5);
            }
            assertThat(server.openConnections()).isEqualTo(1);
        }
    }
}
