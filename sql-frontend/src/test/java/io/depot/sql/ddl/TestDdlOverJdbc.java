package io.depot.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDdlOverJdbc {
    @TempDir
    Path directory;

    @Test
    void statementsReturnUpdateCountsAndViewsAreListed() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:depot:" + directory);
                Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("CREATE TABLE t (id INT NOT NULL, name TEXT)")).isZero();
            assertThat(statement.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")).isEqualTo(3);
            assertThat(statement.execute("DELETE FROM t WHERE id = 2")).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(1);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)")) {
                insert.setInt(1, 4);
                insert.setString(2, "한글");
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            assertThat(statement.executeUpdate("CREATE VIEW v AS SELECT name FROM t WHERE id > 1")).isZero();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM v ORDER BY name")) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                assertThat(names).containsExactly("c", "한글");
            }
            try (ResultSet tables = connection.getMetaData().getTables(null, "main", "%", null)) {
                List<String> listed = new ArrayList<>();
                while (tables.next()) {
                    listed.add(tables.getString("TABLE_NAME") + ":" + tables.getString("TABLE_TYPE"));
                }
                assertThat(listed).containsExactly("t:TABLE", "v:VIEW");
            }
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO t VALUES (NULL, 'x')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("column[id] is NOT NULL");
            assertThat(statement.executeUpdate("DROP VIEW v")).isZero();
            assertThat(statement.executeUpdate("DROP TABLE t")).isZero();
        }
    }
}
