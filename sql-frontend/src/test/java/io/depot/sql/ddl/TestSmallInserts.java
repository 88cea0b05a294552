package io.depot.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of single-row INSERTs, as an application or script issues them: each one is visible
 * to the next query, the table does not turn into thousands of tiny segments, and the time is
 * reported (not asserted: it depends on the machine). {@code -Ddepot.smallInserts=N} changes N.
 */
class TestSmallInserts {
    private static final int INSERTS = Integer.getInteger("depot.smallInserts", 10_000);

    @TempDir
    Path directory;

    @Test
    void literalInsertsInALoopStayCheapAndVisible() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:depot:" + directory);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, amount DECIMAL(12,2), sold_on DATE, "
                    + "name VARCHAR, score DOUBLE, ok BOOLEAN)");
            long start = System.nanoTime();
            for (int id = 0; id < INSERTS; id++) {
                assertThat(statement.executeUpdate("INSERT INTO t VALUES (" + literals(id) + ")")).isEqualTo(1);
                if (id % 1000 == 999) {
                    // Visible as soon as the INSERT returned.
                    assertThat(count(statement, "SELECT COUNT(*) FROM t")).isEqualTo(id + 1);
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(Locale.ROOT, "TestSmallInserts: %d single-row literal INSERTs over JDBC took %d ms%n",
                    INSERTS, millis);
            checkRows(statement);
            assertThat(count(statement, "SELECT segment_count FROM sys.tables WHERE table_name = 't'"))
                    .as("segments after %d single-row inserts", INSERTS).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void preparedInsertsInALoopStayCheapAndVisible() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:depot:" + directory);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, amount DECIMAL(12,2), sold_on DATE, "
                    + "name VARCHAR, score DOUBLE, ok BOOLEAN)");
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int id = 0; id < INSERTS; id++) {
                    insert.setLong(1, id);
                    if (id % 7 == 0) {
                        insert.setNull(2, Types.DECIMAL);
                    } else {
                        insert.setBigDecimal(2, amount(id));
                    }
                    if (id % 11 == 0) {
                        insert.setNull(3, Types.DATE);
                    } else {
                        insert.setDate(3, Date.valueOf(day(id)));
                    }
                    if (id % 5 == 0) {
                        insert.setNull(4, Types.VARCHAR);
                    } else {
                        insert.setString(4, name(id));
                    }
                    insert.setDouble(5, id / 4.0);
                    insert.setBoolean(6, id % 2 == 0);
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(Locale.ROOT, "TestSmallInserts: %d single-row prepared INSERTs over JDBC took %d ms%n",
                    INSERTS, millis);
            checkRows(statement);
            assertThat(count(statement, "SELECT segment_count FROM sys.tables WHERE table_name = 't'"))
                    .as("segments after %d single-row inserts", INSERTS).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void deleteUpdateAndTruncateSeeTheLoggedRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:depot:" + directory);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR)");
            statement.executeUpdate("INSERT INTO t SELECT * FROM (VALUES (100, 'loaded'), (101, 'loaded')) AS v(a, b)");
            for (int id = 0; id < 20; id++) {
                statement.executeUpdate("INSERT INTO t VALUES (" + id + ", 'n" + id + "')");
            }
            assertThat(statement.executeUpdate("DELETE FROM t WHERE id % 2 = 1")).isEqualTo(11);
            statement.executeUpdate("INSERT INTO t VALUES (21, 'late')");
            assertThat(statement.executeUpdate("UPDATE t SET name = 'changed' WHERE id >= 18")).isEqualTo(3);
            assertThat(rows(statement, "SELECT id, name FROM t WHERE id >= 16 ORDER BY id"))
                    .containsExactly("16|n16", "18|changed", "21|changed", "100|changed");
            assertThat(count(statement, "SELECT COUNT(*) FROM t")).isEqualTo(12);
            statement.executeUpdate("INSERT INTO t VALUES (22, 'after')");
            statement.executeUpdate("TRUNCATE TABLE t");
            assertThat(count(statement, "SELECT COUNT(*) FROM t")).isZero();
            statement.executeUpdate("INSERT INTO t VALUES (23, 'again')");
            statement.executeUpdate("CREATE OR REPLACE TABLE t AS SELECT id + 1 AS id, name FROM t");
            statement.executeUpdate("INSERT INTO t VALUES (30, 'new')");
            assertThat(rows(statement, "SELECT id, name FROM t ORDER BY id")).containsExactly("24|again", "30|new");
        }
    }

    @Test
    void checkpointFoldsTheLogIntoASegment() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:depot:" + directory);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR)");
            statement.executeUpdate("CREATE TABLE u (id BIGINT)");
            for (int id = 0; id < 5; id++) {
                statement.executeUpdate("INSERT INTO t VALUES (" + id + ", 'n" + id + "')");
            }
            statement.executeUpdate("INSERT INTO u VALUES (1)");
            assertThat(count(statement, "SELECT segment_count FROM sys.tables WHERE table_name = 't'")).isZero();
            assertThat(count(statement, "SELECT log_rows FROM sys.tables WHERE table_name = 't'")).isEqualTo(5);
            assertThat(statement.executeUpdate("CHECKPOINT t")).isEqualTo(5);
            assertThat(count(statement, "SELECT log_rows FROM sys.tables WHERE table_name = 't'")).isZero();
            assertThat(statement.executeUpdate("CHECKPOINT t")).isZero();
            assertThat(count(statement, "SELECT segment_count FROM sys.tables WHERE table_name = 't'")).isEqualTo(1);
            assertThat(rows(statement, "SELECT id, name FROM t WHERE id >= 3 ORDER BY id")).containsExactly("3|n3", "4|n4");
            assertThat(statement.executeUpdate("CHECKPOINT")).isEqualTo(1);
            assertThat(count(statement, "SELECT SUM(segment_count) FROM sys.tables")).isEqualTo(2);
        }
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result.add(rows.getString(1) + "|" + rows.getString(2));
            }
        }
        return result;
    }

    /** Every row exactly once, with its values; filters and aggregates over them. */
    private static void checkRows(Statement statement) throws SQLException {
        assertThat(count(statement, "SELECT COUNT(*) FROM t")).isEqualTo(INSERTS);
        assertThat(count(statement, "SELECT COUNT(DISTINCT id) FROM t")).isEqualTo(INSERTS);
        assertThat(count(statement, "SELECT COUNT(*) FROM t WHERE amount IS NULL"))
                .isEqualTo((INSERTS + 6) / 7);
        assertThat(count(statement, "SELECT COUNT(*) FROM t WHERE id >= 100 AND id < 200")).isEqualTo(100);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT id, amount, sold_on, name, score, ok FROM t ORDER BY id")) {
            int id = 0;
            while (rows.next()) {
                expected.add(id + "|" + (id % 7 == 0 ? null : amount(id)) + "|" + (id % 11 == 0 ? null : day(id))
                        + "|" + (id % 5 == 0 ? null : name(id)) + "|" + id / 4.0 + "|" + (id % 2 == 0));
                Date day = rows.getDate(3);
                actual.add(rows.getLong(1) + "|" + rows.getBigDecimal(2) + "|" + (day == null ? null : day.toLocalDate())
                        + "|" + rows.getString(4) + "|" + rows.getDouble(5) + "|" + rows.getBoolean(6));
                id++;
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static String literals(int id) {
        return id + ", " + (id % 7 == 0 ? "NULL" : amount(id).toPlainString()) + ", "
                + (id % 11 == 0 ? "NULL" : "DATE '" + day(id) + "'") + ", "
                + (id % 5 == 0 ? "NULL" : "'" + name(id).replace("'", "''") + "'") + ", "
                + id / 4.0 + ", " + (id % 2 == 0 ? "TRUE" : "FALSE");
    }

    private static BigDecimal amount(int id) {
        return BigDecimal.valueOf((id % 2 == 0 ? 1 : -1) * (long) id * 37, 2);
    }

    private static LocalDate day(int id) {
        return LocalDate.of(1999, 12, 31).plusDays(id % 9000);
    }

    private static String name(int id) {
        return switch (id % 4) {
            case 0 -> "";
            case 1 -> "서울 " + id;
            case 2 -> "it's " + id;
            default -> "n" + id;
        };
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }
}
