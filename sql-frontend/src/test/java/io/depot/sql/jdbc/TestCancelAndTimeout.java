package io.depot.sql.jdbc;

import static io.depot.sql.SqlTestSupport.row;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statement.cancel, setQueryTimeout and setMaxRows on the embedded driver. */
class TestCancelAndTimeout {
    /** Counting this never ends in a test's time: 10^10 joined rows. */
    private static final String ENDLESS = "SELECT COUNT(*) FROM numbers a, numbers b";

    @TempDir
    private Path directory;
    private Connection connection;
    private long baseline;

    @BeforeEach
    void createNumbers() throws SQLException {
        connection = DriverManager.getConnection("jdbc:depot:" + directory);
        List<List<Object>> rows = new ArrayList<>();
        for (long n = 0; n < 100_000; n++) {
            rows.add(row(n));
        }
        writeTable(sql(), "numbers", TableSchema.of(new Column("n", ColumnType.BIGINT, false)), rows);
        baseline = sql().database().allocator().getAllocatedMemory();
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void cancelStopsARunningQueryFreesItsMemoryAndTheStatementRunsAgain() throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (Statement statement = connection.createStatement()) {
            ResultSet result = statement.executeQuery(ENDLESS);
            Future<Boolean> next = reader.submit(result::next);
            Thread.sleep(300);
            assertThat(next).isNotDone();
            statement.cancel();
            assertThatThrownBy(() -> next.get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(io.depot.storage.DepotException.class)
                    .rootCause().hasMessage("Query was cancelled");
            assertThat(memory()).isEqualTo(baseline);

            try (ResultSet again = statement.executeQuery("SELECT COUNT(*) FROM numbers")) {
                assertThat(again.next()).isTrue();
                assertThat(again.getLong(1)).isEqualTo(100_000);
            }
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void cancelBetweenReadsFreesTheMemoryAtOnceAndTheNextReadSaysCancelled() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            ResultSet result = statement.executeQuery("SELECT n FROM numbers ORDER BY n DESC");
            assertThat(result.next()).isTrue();
            assertThat(memory()).isGreaterThan(baseline);
            statement.cancel();
            assertThat(memory()).isEqualTo(baseline);
            assertThatThrownBy(result::next).isInstanceOf(SQLException.class).hasMessageContaining("canceled");
        }
    }

    @Test
    void queryTimeoutStopsTheQueryWithAResourceErrorAndTheConnectionKeepsWorking() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            long start = System.nanoTime();
            assertThatThrownBy(() -> {
                try (ResultSet result = statement.executeQuery(ENDLESS)) {
                    result.next();
                }
            })
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("53000"))
                    .hasMessage("Query exceeded its time limit of 1000 ms and was cancelled");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
            assertThat(memory()).isEqualTo(baseline);

            // a quick query under the same limit is unaffected
            try (ResultSet result = statement.executeQuery("SELECT MAX(n) FROM numbers")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(99_999);
            }
        }
        try (Statement other = connection.createStatement(); ResultSet result = other.executeQuery("SELECT 1")) {
            assertThat(result.next()).isTrue();
        }
    }

    @Test
    void maxRowsLimitsQueriesOfPreparedStatementsToo() throws SQLException {
        try (var prepared = connection.prepareStatement("SELECT n FROM numbers WHERE n >= ?")) {
            prepared.setMaxRows(3);
            prepared.setLong(1, 10);
            int rows = 0;
            try (ResultSet result = prepared.executeQuery()) {
                while (result.next()) {
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(3);
        }
        assertThat(memory()).isEqualTo(baseline);
    }

    private DepotSql sql() throws SQLException {
        return connection.unwrap(DepotConnection.class).sql();
    }

    private long memory() throws SQLException {
        return sql().database().allocator().getAllocatedMemory();
    }
}
