package io.depot.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.ingest.LoadResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API as the README shows it. */
class TestDepot {
    @TempDir
    private Path directory;

    @Test
    void opensLoadsQueriesAndReopens() throws Exception {
        Path csv = directory.resolve("sales.csv");
        Files.writeString(csv, "city,amount\n서울,10.50\nBusan,2.25\n", StandardCharsets.UTF_8);
        Path warehouse = directory.resolve("warehouse");
        try (Depot depot = Depot.open(warehouse)) {
            LoadResult loaded = depot.load("sales", csv);
            assertThat(loaded.rowsLoaded()).isEqualTo(2);
            try (Connection connection = depot.connection()) {
                assertThat(single(connection, "SELECT SUM(amount) FROM sales")).isEqualTo("12.75");
                assertThat(connection.unwrap(DepotSql.class)).isSameAs(depot.sql());
            }
        }
        try (Depot reopened = Depot.open(warehouse); Connection connection = reopened.connection()) {
            assertThat(single(connection, "SELECT city FROM sales WHERE amount > 10")).isEqualTo("서울");
        }
    }

    @Test
    void aConnectionOutlivesTheDepotThatGaveItAndClosingTwiceIsHarmless() throws Exception {
        Depot depot = Depot.inMemory();
        Connection connection = depot.connection();
        depot.close();
        depot.close();
        assertThat(single(connection, "SELECT 1 + 1")).isEqualTo("2");
        connection.close();
        assertThatThrownBy(depot::sql).hasMessage("The database is closed");
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }
}
