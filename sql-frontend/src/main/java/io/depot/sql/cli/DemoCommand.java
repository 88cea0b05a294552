package io.depot.sql.cli;

import io.depot.sql.DepotSql;
import io.depot.storage.ingest.CsvLoader;
import io.depot.storage.ingest.CsvOptions;
import io.depot.storage.ingest.LoadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code depot demo}: creates a sample database from generated CSV files (users, orders, web
 * events), loads it through the real loader and prints a few analytics queries.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Create a sample database, load sample data and run example queries.")
final class DemoCommand implements Callable<Integer> {
    private static final List<String[]> QUERIES = List.of(
            new String[] {"Revenue by region (completed orders)",
                "SELECT region, COUNT(*) AS orders, SUM(amount) AS revenue, AVG(amount) AS avg_order "
                        + "FROM orders WHERE status = 'completed' GROUP BY region ORDER BY revenue DESC"},
            new String[] {"Orders by status",
                "SELECT status, COUNT(*) AS orders, SUM(amount) AS amount FROM orders GROUP BY status ORDER BY orders DESC"},
            new String[] {"Five largest orders in the second half of 2024",
                "SELECT order_id, user_id, order_date, amount FROM orders "
                        + "WHERE order_date >= DATE '2024-07-01' ORDER BY amount DESC, order_id LIMIT 5"},
            new String[] {"Revenue per plan: orders joined with the users who placed them",
                "SELECT u.plan, COUNT(*) AS orders, COUNT(DISTINCT o.user_id) AS buyers, SUM(o.amount) AS revenue "
                        + "FROM orders o JOIN users u ON o.user_id = u.user_id "
                        + "WHERE o.status = 'completed' GROUP BY u.plan ORDER BY revenue DESC"},
            new String[] {"Churn candidates: users with no order in December 2024, per city",
                "SELECT city, COUNT(*) AS users FROM users u WHERE NOT EXISTS "
                        + "(SELECT 1 FROM orders o WHERE o.user_id = u.user_id AND o.order_date >= DATE '2024-12-01') "
                        + "GROUP BY city ORDER BY users DESC, city"},
            new String[] {"Users per city and plan (Korean text is UTF-8 all the way)",
                "SELECT city, plan, COUNT(*) AS users, MIN(signup_date) AS first_signup FROM users "
                        + "GROUP BY city, plan HAVING COUNT(*) > 60 ORDER BY users DESC LIMIT 8"},
            new String[] {"Web events: anonymous visitors have no user_id (NULL)",
                "SELECT event_type, COUNT(*) AS events, COUNT(user_id) AS signed_in, AVG(duration_ms) AS avg_ms "
                        + "FROM events GROUP BY event_type ORDER BY events DESC"});

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "DIR",
            description = "Directory for the demo database (default: a new temporary directory).")
    Path database;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = database != null ? database : Files.createTempDirectory("depot-demo-");
        Path data = directory.resolve("demo-data");
        out.println("Depot demo: database in " + directory);
        DemoData.write(data);
        try (DepotSql depot = DepotSql.open(directory)) {
            for (String table : List.of("users", "orders", "events")) {
                if (depot.database().table(table).isPresent()) {
                    out.println("Table " + table + " already loaded; skipping");
                    continue;
                }
                LoadResult result = CsvLoader.load(
                        depot.database(), table, List.of(data.resolve(table + ".csv")), CsvOptions.defaults());
                out.printf(Locale.ROOT, "Loaded %,d rows into %s in %.2f s%n",
                        result.rowsLoaded(), table, result.elapsed().toNanos() / 1e9);
            }
            for (String[] query : QUERIES) {
                out.println();
                out.println("-- " + query[0]);
                out.println(query[1]);
                SqlCommand.run(depot, query[1], OutputFormat.table, out);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.println();
        out.println("Try your own: bin/depot sql --db " + directory + " \"SELECT * FROM orders LIMIT 5\"");
        out.flush();
        return 0;
    }
}
