package io.depot.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.storage.ingest.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding examples of README.md, verbatim apart from paths, so the README stays true. */
class TestReadmeExamples {
    @TempDir
    Path temp;

    @Test
    void embeddingExample() throws Exception {
        Path warehouse = temp.resolve("warehouse");
        Path ordersCsv = temp.resolve("orders.csv");
        Files.writeString(ordersCsv, "order_id,region,amount\n1,APAC,10.50\n2,EMEA,20.00\n3,APAC,5.25\n");
        List<String> printed = new ArrayList<>();

        // README: "Embed (Java API and JDBC)"
        try (Depot depot = Depot.open(warehouse)) {
            LoadResult result = depot.load("orders", ordersCsv);
            printed.add(result.rowsLoaded() + " rows loaded");
            try (Connection connection = depot.connection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT region, SUM(amount) AS total FROM orders GROUP BY region ORDER BY region")) {
                while (rows.next()) {
                    printed.add(rows.getString("region") + " " + rows.getBigDecimal("total"));
                }
            }
        }

        assertThat(printed).containsExactly("3 rows loaded", "APAC 15.75", "EMEA 20.00");
    }
}
