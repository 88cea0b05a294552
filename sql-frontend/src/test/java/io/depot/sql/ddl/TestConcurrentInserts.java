package io.depot.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-row INSERTs into one table from several connections at once, as parallel ETL tasks or a
 * connection pool issue them: every one succeeds (no CONFLICT), every row is there once, also
 * after reopening, and DELETE, CHECKPOINT and CREATE OR REPLACE run between them. Prints inserts
 * per second for 1 and 4 threads (not asserted: it depends on the machine and its load).
 * {@code -Ddepot.concurrentInserts=N} sets the inserts per run.
 */
class TestConcurrentInserts {
    private static final int INSERTS = Integer.getInteger("depot.concurrentInserts", 400);

    @TempDir
    Path directory;

    @Test
    void singleRowInsertsFromFourConnectionsAllSucceedAndShareSyncs() throws Exception {
        String url = "jdbc:depot:" + directory;
        double[] perSecond = new double[2];
        try (Connection keepOpen = DriverManager.getConnection(url); Statement statement = keepOpen.createStatement()) {
            int run = 0;
            for (int threads : new int[] {1, 4}) {
                String table = "t" + threads;
                statement.executeUpdate("CREATE TABLE " + table + " (id BIGINT NOT NULL, name VARCHAR, amount DECIMAL(12,2))");
                long start = System.nanoTime();
                insertConcurrently(url, table, threads, INSERTS / threads);
                perSecond[run++] = INSERTS / ((System.nanoTime() - start) / 1e9);
                checkRows(statement, table, INSERTS);
            }
        }
        System.out.printf(Locale.ROOT, "TestConcurrentInserts: %d single-row INSERTs over JDBC: 1 thread %.0f/s, "
                + "4 threads %.0f/s (%.1fx)%n", INSERTS, perSecond[0], perSecond[1], perSecond[1] / perSecond[0]);
        // Every connection is closed, so the database was too: the rows come back from disk.
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            checkRows(statement, "t1", INSERTS);
            checkRows(statement, "t4", INSERTS);
        }
    }

    @Test
    void deletesCheckpointsAndReplacesBetweenConcurrentInsertsLoseAndRepeatNothing() throws Exception {
        String url = "jdbc:depot:" + directory;
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR, amount DECIMAL(12,2))");
            ExecutorService other = Executors.newSingleThreadExecutor();
            CountDownLatch stop = new CountDownLatch(1);
            Future<Integer> changes = other.submit(() -> {
                int done = 0;
                try (Connection writer = DriverManager.getConnection(url); Statement change = writer.createStatement()) {
                    while (!stop.await(20, TimeUnit.MILLISECONDS)) {
                        switch (done % 3) {
                            case 0 -> change.executeUpdate("DELETE FROM t WHERE MOD(id, 10) = 0");
                            case 1 -> change.executeUpdate("CHECKPOINT t");
                            default -> change.executeUpdate("CREATE OR REPLACE TABLE t AS SELECT * FROM t");
                        }
                        done++;
                    }
                }
                return done;
            });
            try {
                insertConcurrently(url, "t", 4, 50);
            } finally {
                stop.countDown();
                other.shutdown();
            }
            assertThat(changes.get(60, TimeUnit.SECONDS)).isPositive();
            // Rows with MOD(id, 10) = 0 may have been deleted; every other row is there exactly once.
            assertThat(count(statement, "SELECT COUNT(*) - COUNT(DISTINCT id) FROM t")).isZero();
            assertThat(count(statement, "SELECT COUNT(*) FROM t WHERE MOD(id, 10) <> 0")).isEqualTo(180);
            assertThat(count(statement, "SELECT COUNT(*) FROM t WHERE name <> 'n' || CAST(id AS VARCHAR)")).isZero();
        }
    }

    /**
     * {@code threads} connections insert {@code each} rows each, ids {@code [0, threads * each)};
     * even threads with a prepared statement, odd ones with literals.
     */
    private static void insertConcurrently(String url, String table, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int first = thread * each;
                boolean prepared = thread % 2 == 0;
                done.add(pool.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(url);
                            Statement statement = connection.createStatement();
                            PreparedStatement insert = connection.prepareStatement(
                                    "INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                        start.await();
                        for (int id = first; id < first + each; id++) {
                            if (prepared) {
                                insert.setLong(1, id);
                                insert.setString(2, "n" + id);
                                insert.setBigDecimal(3, new java.math.BigDecimal(id).movePointLeft(2));
                                assertThat(insert.executeUpdate()).isEqualTo(1);
                            } else {
                                assertThat(statement.executeUpdate("INSERT INTO " + table + " VALUES (" + id + ", 'n" + id
                                        + "', " + new java.math.BigDecimal(id).movePointLeft(2).toPlainString() + ")"))
                                        .isEqualTo(1);
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Ids {@code [0, rows)} once each, with their name and amount. */
    private static void checkRows(Statement statement, String table, int rows) throws SQLException {
        assertThat(count(statement, "SELECT COUNT(*) FROM " + table)).isEqualTo(rows);
        assertThat(count(statement, "SELECT COUNT(DISTINCT id) FROM " + table)).isEqualTo(rows);
        assertThat(count(statement, "SELECT MIN(id) FROM " + table)).isZero();
        assertThat(count(statement, "SELECT MAX(id) FROM " + table)).isEqualTo(rows - 1);
        assertThat(count(statement, "SELECT COUNT(*) FROM " + table
                + " WHERE name <> 'n' || CAST(id AS VARCHAR) OR amount * 100 <> id")).isZero();
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }
}
