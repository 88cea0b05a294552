package io.depot.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.table.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: a CSV file loaded by the loader, queried over JDBC with
 * {@code DriverManager}, exact rows and column types checked; a malformed file changes nothing.
 */
class TestSalesWalkingSkeleton {
    private static final String SALES_QUERY = "SELECT region, COUNT(*) AS n, SUM(amount) AS s FROM sales "
            + "WHERE amount > 10 GROUP BY region ORDER BY s DESC";

    @TempDir
    Path directory;

    @Test
    void loadedCsvAnswersSqlOverJdbc() throws Exception {
        try (Database database = Database.open(directory)) {
            CsvLoader.load(database, "sales", List.of(fixture("sales.csv")), CsvOptions.defaults());
        }
        try (Connection connection = DriverManager.getConnection("jdbc:depot:" + directory);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SALES_QUERY)) {
            ResultSetMetaData metaData = rows.getMetaData();
            assertThat(metaData.getColumnCount()).isEqualTo(3);
            assertThat(metaData.getColumnLabel(1)).isEqualTo("region");
            assertThat(metaData.getColumnType(1)).isEqualTo(Types.VARCHAR);
            assertThat(metaData.getColumnLabel(2)).isEqualTo("n");
            assertThat(metaData.getColumnType(2)).isEqualTo(Types.BIGINT);
            assertThat(metaData.getColumnLabel(3)).isEqualTo("s");
            assertThat(metaData.getColumnType(3)).isEqualTo(Types.DECIMAL);
            assertThat(metaData.getScale(3)).isEqualTo(2);

            List<List<Object>> actual = new ArrayList<>();
            while (rows.next()) {
                actual.add(List.of(rows.getString(1), rows.getLong(2), rows.getBigDecimal(3)));
            }
            assertThat(actual).containsExactly(
                    List.of("south", 2L, new BigDecimal("121.00")),
                    List.of("north", 2L, new BigDecimal("42.50")),
                    List.of("east, coastal", 1L, new BigDecimal("11.00")));
        }
    }

    @Test
    void malformedCsvFailsWithFileLineAndColumnAndChangesNothing() throws Exception {
        try (Database database = Database.open(directory)) {
            CsvLoader.load(database, "sales", List.of(fixture("sales.csv")), CsvOptions.defaults());
            long version = database.table("sales").orElseThrow().snapshot().version();

            assertThatThrownBy(() -> CsvLoader.load(
                            database, "sales", List.of(fixture("sales_bad_amount.csv")), CsvOptions.defaults()))
                    .isInstanceOf(DepotException.class)
                    .hasMessageContaining("sales_bad_amount.csv")
                    .hasMessageContaining("line 3")
                    .hasMessageContaining("amount")
                    .hasMessageContaining("'abc'");
            assertThat(database.table("sales").orElseThrow().snapshot().version()).isEqualTo(version);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:depot:" + directory);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM sales")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(8);
        }
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(TestSalesWalkingSkeleton.class.getResource("/cli/" + name).toURI());
    }
}
