package io.depot.sql.server;

import static io.depot.sql.SqlTestSupport.row;
import static io.depot.sql.SqlTestSupport.writeTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.sql.DepotSql;
import io.depot.sql.FileAccess;
import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depot serve} through the Avatica thin driver, as BI tools reach it. */
class TestDepotServer {
    /** Fast hashes for tests; the users file records the iterations of each hash. */
    static final int TEST_ITERATIONS = 1_000;

    @TempDir
    private Path directory;
    private DepotSql sql;
    private DepotServer server;

    @BeforeEach
    void start() {
        sql = DepotSql.open(directory.resolve("db"));
        Path users = directory.resolve("users.properties");
        UserStore.addUser(users, "analyst", Role.READ_ONLY, "secret-1".toCharArray(), TEST_ITERATIONS);
        UserStore.addUser(users, "loader", Role.READ_WRITE, "secret-2".toCharArray(), TEST_ITERATIONS);
        server = DepotServer.start(sql, ServerOptions.local(0, UserStore.load(users)));
    }

    @AfterEach
    void stop() {
        server.close();
        sql.close();
    }

    @Test
    void listensOnLoopbackOnlyAndPrintsAThinDriverUrl() {
        assertThat(server.port()).isPositive();
        assertThat(server.jdbcUrl()).isEqualTo("jdbc:avatica:remote:url=http://127.0.0.1:" + server.port()
                + ";serialization=protobuf;authentication=BASIC");
    }

    @Test
    void isNotReachableOnOtherInterfaces() throws Exception {
        try (java.net.Socket loopback = new java.net.Socket("127.0.0.1", server.port())) {
            assertThat(loopback.isConnected()).isTrue();
        }
        java.net.InetAddress other = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(network -> java.util.Collections.list(network.getInetAddresses()).stream())
                .filter(address -> !address.isLoopbackAddress() && address instanceof java.net.Inet4Address)
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "this machine has no other interface");
        assertThatThrownBy(() -> new java.net.Socket(other, server.port()).close())
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void answersQueriesWithTypedValuesAndParameters() throws SQLException {
        writeTable(sql, "sales", TableSchema.of(
                        new Column("id", ColumnType.INTEGER, false),
                        Column.nullable("city", ColumnType.VARCHAR),
                        Column.nullable("amount", ColumnType.decimal(10, 2)),
                        Column.nullable("sold_on", ColumnType.DATE)),
                List.of(row(1, "서울", new BigDecimal("12.50"), LocalDate.of(2024, 1, 31)),
                        row(2, null, null, null)));
        try (Connection connection = connect("analyst", "secret-1");
                PreparedStatement statement =
                        connection.prepareStatement("SELECT id, city, amount, sold_on FROM sales WHERE id >= ? ORDER BY id")) {
            statement.setInt(1, 1);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(1);
                assertThat(result.getString(2)).isEqualTo("서울");
                assertThat(result.getBigDecimal(3)).isEqualByComparingTo("12.50");
                // Avatica's thin client has no getObject(i, LocalDate.class) for dates; its text
                // form does not depend on the JVM time zone (which other tests change)
                assertThat(result.getString(4)).isEqualTo("2024-01-31");
                assertThat(result.next()).isTrue();
                assertThat(result.getString(2)).isNull();
                assertThat(result.next()).isFalse();
            }
            assertThat(connection.getMetaData().isReadOnly()).isTrue();
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        assertThatThrownBy(() -> query(connect("analyst", "wrong"), "SELECT 1"))
                .isInstanceOf(Exception.class)
                .hasStackTraceContaining("401");
        assertThatThrownBy(() -> query(connect("nobody", "secret-1"), "SELECT 1"))
                .hasStackTraceContaining("401");
        assertThat(server.openConnections()).isZero();
    }

    @Test
    void setMaxRowsLimitsARemoteStatement() throws SQLException {
        numbers(25_000);
        try (Connection connection = connect("analyst", "secret-1"); Statement statement = connection.createStatement()) {
            statement.setMaxRows(12_345);
            assertThat(count(statement.executeQuery("SELECT n FROM numbers"))).isEqualTo(12_345);
            statement.setMaxRows(0);
            // more than one server frame
            assertThat(count(statement.executeQuery("SELECT n FROM numbers"))).isEqualTo(25_000);
        }
    }

    @Test
    void queriesOverTheTimeLimitStopAndTheConnectionKeepsWorking() throws Exception {
        server.close();
        numbers(100_000);
        Path users = directory.resolve("users.properties");
        ServerOptions limited = new ServerOptions(ServerOptions.LOCAL_HOST, 0, UserStore.load(users),
                FileAccess.NONE, 1_000, ServerOptions.DEFAULT_FRAME_ROWS, ServerOptions.DEFAULT_IDLE_TIMEOUT_MILLIS);
        long baseline = sql.database().allocator().getAllocatedMemory();
        server = DepotServer.start(sql, limited);
        try (Connection connection = connect("analyst", "secret-1"); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> count(statement.executeQuery("SELECT COUNT(*) FROM numbers a, numbers b")))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Query exceeded its time limit of 1000 ms");
            assertThat(sql.database().allocator().getAllocatedMemory()).isEqualTo(baseline);
            assertThat(count(statement.executeQuery("SELECT n FROM numbers WHERE n < 10"))).isEqualTo(10);
        }
    }

    @Test
    void aReadOnlyUsersChangesAreRefused() throws SQLException {
        try (Connection connection = connect("analyst", "secret-1"); Statement statement = connection.createStatement()) {
            // batches are never queries
            statement.addBatch("SELECT 1");
            assertThatThrownBy(statement::executeBatch)
                    .hasStackTraceContaining("This connection is read-only");
            // the connection still answers queries
            assertThat(count(statement.executeQuery("SELECT 1"))).isEqualTo(1);
        }
    }

    @Test
    void aReadOnlyUsersDataOrSchemaChangeIsRefused() throws SQLException {
        // Depot's first non-query statement is CREATE TABLE (DDL is being added); until then
        // only the update paths above can be refused
        String create = "CREATE TABLE made_remotely (x INTEGER)";
        boolean ddlExists;
        try (Connection connection = connect("loader", "secret-2"); Statement statement = connection.createStatement()) {
            statement.execute(create);
            ddlExists = true;
        } catch (SQLException e) {
            ddlExists = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(ddlExists, "DDL is not supported yet");
        try (Connection connection = connect("analyst", "secret-1"); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("CREATE TABLE refused (x INTEGER)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("This connection is read-only");
        }
    }

    @Test
    void sixteenClientsSeeConsistentSnapshotsWhileLoadsCommit() throws Exception {
        TableSchema schema = TableSchema.of(new Column("x", ColumnType.BIGINT, false));
        writeTable(sql, "facts", schema, List.of(row(1L), row(2L), row(3L)));
        // each load adds 1000 rows of value 7: committed states are (3 + 1000k, 6 + 7000k)
        Path csv = directory.resolve("facts.csv");
        StringBuilder text = new StringBuilder("x\n");
        for (int i = 0; i < 1000; i++) {
            text.append("7\n");
        }
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        int loads = 8;

        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean loading = new AtomicBoolean(true);
        CountDownLatch connected = new CountDownLatch(clients);
        Set<Long> seenCounts = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int client = 0; client < clients; client++) {
                results.add(pool.submit(() -> {
                    int queries = 0;
                    try (Connection connection = connect("analyst", "secret-1");
                            Statement statement = connection.createStatement()) {
                        connected.countDown();
                        do {
                            try (ResultSet result = statement.executeQuery("SELECT COUNT(*), SUM(x) FROM facts")) {
                                assertThat(result.next()).isTrue();
                                long count = result.getLong(1);
                                long sum = result.getLong(2);
                                long k = (count - 3) / 1000;
                                assertThat(count).isEqualTo(3 + 1000 * k);
                                assertThat(sum).as("sum with count %d", count).isEqualTo(6 + 7000 * k);
                                seenCounts.add(count);
                            }
                            queries++;
                        } while (loading.get());
                    }
                    return queries;
                }));
            }
            assertThat(connected.await(60, TimeUnit.SECONDS)).isTrue();
            for (int load = 0; load < loads; load++) {
                CsvLoader.load(sql.database(), "facts", List.of(csv), CsvOptions.defaults());
            }
            loading.set(false);
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(120, TimeUnit.SECONDS);
            }
            assertThat(total).isGreaterThanOrEqualTo(clients);
        } finally {
            loading.set(false);
            pool.shutdownNow();
        }
        try (Connection connection = connect("analyst", "secret-1")) {
            assertThat(query(connection, "SELECT COUNT(*) FROM facts")).isEqualTo(3 + 1000L * loads);
        }
        assertThat(seenCounts).isNotEmpty();
        assertThat(server.openConnections()).isZero();
    }

    @Test
    void tenMillionRowsStreamWithBoundedServerMemory() throws Exception {
        numbers(10_000);
        writeTable(sql, "thousand", TableSchema.of(new Column("m", ColumnType.BIGINT, false)), rows(1_000));
        long resultBytes = 10_000_000L * Long.BYTES;
        MemoryWatch watch = new MemoryWatch(sql);
        long rows = 0;
        long sum = 0;
        long retainedHeap = 0;
        try (Connection connection = connect("analyst", "secret-1");
                Statement statement = connection.createStatement();
                // every value 0 .. 9,999,999 exactly once
                ResultSet result = statement.executeQuery("SELECT n * 1000 + m FROM numbers, thousand")) {
            watch.start();
            while (result.next()) {
                rows++;
                sum += result.getLong(1);
                if (rows == 5_000_000) {
                    retainedHeap = watch.retainedHeapGrowth();
                }
            }
        } finally {
            watch.stop();
        }
        assertThat(rows).isEqualTo(10_000_000L);
        assertThat(sum).isEqualTo(10_000_000L * (10_000_000L - 1) / 2);
        // the server holds a few batches, never the result: neither in Arrow memory nor on the heap
        assertThat(watch.peakArrowBytes()).isLessThan(resultBytes / 4);
        assertThat(retainedHeap).isLessThan(resultBytes / 4);
    }

    /** Samples the database's Arrow memory while a query streams, and measures retained heap. */
    private static final class MemoryWatch {
        private final DepotSql sql;
        private final Thread thread;
        private final long heapBefore;
        private volatile boolean running = true;
        private volatile long peakArrow;

        MemoryWatch(DepotSql sql) {
            this.sql = sql;
            this.heapBefore = usedHeapAfterGc();
            this.thread = new Thread(this::sample, "memory-watch");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void sample() {
            while (running) {
                peakArrow = Math.max(peakArrow, sql.database().allocator().getAllocatedMemory());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peakArrowBytes() {
            return peakArrow;
        }

        /** Heap that survives a collection now, beyond what did before the query. */
        long retainedHeapGrowth() {
            return usedHeapAfterGc() - heapBefore;
        }

        private static long usedHeapAfterGc() {
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            return runtime.totalMemory() - runtime.freeMemory();
        }
    }

    private void numbers(int count) {
        writeTable(sql, "numbers", TableSchema.of(new Column("n", ColumnType.BIGINT, false)), rows(count));
    }

    private static List<List<Object>> rows(int count) {
        List<List<Object>> rows = new ArrayList<>(count);
        for (long n = 0; n < count; n++) {
            rows.add(row(n));
        }
        return rows;
    }

    private Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl() + ";avatica_user=" + user + ";avatica_password=" + password);
    }

    private static long count(ResultSet result) throws SQLException {
        try (result) {
            long rows = 0;
            while (result.next()) {
                rows++;
            }
            return rows;
        }
    }

    private static long query(Connection connection, String sql) throws SQLException {
        try (connection; Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

}
