package io.depot.sql.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * Writes the demo's sample data as CSV files, the way a small team's ETL job would: users,
 * their orders and their web events. Generated from a fixed seed, so every run is identical.
 */
final class DemoData {
    static final int USERS = 2_000;
    static final int ORDERS = 20_000;
    static final int EVENTS = 100_000;

    private static final List<String> CITIES = List.of("서울", "부산", "Berlin", "Lisbon", "Austin", "Toronto", "Osaka");
    private static final List<String> REGIONS = List.of("APAC", "APAC", "EMEA", "EMEA", "AMER", "AMER", "APAC");
    private static final List<String> PLANS = List.of("free", "free", "free", "pro", "pro", "team");
    private static final List<String> STATUSES = List.of("completed", "completed", "completed", "completed", "refunded", "cancelled");
    private static final List<String> EVENT_TYPES = List.of("page_view", "page_view", "page_view", "search", "add_to_cart", "checkout");
    private static final List<String> PAGES = List.of("/", "/pricing", "/docs", "/blog", "/signup", "/cart");
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DemoData() {}

    /** Writes users.csv, orders.csv and events.csv into {@code directory}. */
    static void write(Path directory) {
        try {
            Files.createDirectories(directory);
            Random random = new Random(20240101);
            int[] userCity = writeUsers(directory.resolve("users.csv"), random);
            writeOrders(directory.resolve("orders.csv"), random, userCity);
            writeEvents(directory.resolve("events.csv"), random);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write demo data to " + directory, e);
        }
    }

    private static int[] writeUsers(Path file, Random random) throws IOException {
        int[] userCity = new int[USERS + 1];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("user_id,name,city,plan,signup_date\n");
            for (int id = 1; id <= USERS; id++) {
                userCity[id] = random.nextInt(CITIES.size());
                LocalDate signup = START.minusDays(random.nextInt(730));
                out.write(id + ",user_" + id + "," + CITIES.get(userCity[id]) + ","
                        + PLANS.get(random.nextInt(PLANS.size())) + "," + signup + "\n");
            }
        }
        return userCity;
    }

    private static void writeOrders(Path file, Random random, int[] userCity) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("order_id,user_id,order_date,region,status,amount\n");
            for (int id = 1; id <= ORDERS; id++) {
                int user = 1 + random.nextInt(USERS);
                LocalDate date = START.plusDays(random.nextInt(366));
                // Mostly small baskets with a long tail of large orders.
                long cents = 500 + (long) (Math.pow(random.nextDouble(), 3) * 50_000);
                out.write(id + "," + user + "," + date + "," + REGIONS.get(userCity[user]) + ","
                        + STATUSES.get(random.nextInt(STATUSES.size())) + "," + BigDecimal.valueOf(cents, 2) + "\n");
            }
        }
    }

    private static void writeEvents(Path file, Random random) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("event_id,user_id,event_time,event_type,page,duration_ms\n");
            LocalDateTime start = START.atStartOfDay();
            for (int id = 1; id <= EVENTS; id++) {
                LocalDateTime time = start.plusSeconds(random.nextInt(366 * 24 * 3600));
                // Anonymous visitors have no user id: the column has NULLs.
                String user = random.nextInt(4) == 0 ? "" : Integer.toString(1 + random.nextInt(USERS));
                out.write(id + "," + user + "," + TIMESTAMP.format(time) + ","
                        + EVENT_TYPES.get(random.nextInt(EVENT_TYPES.size())) + ","
                        + PAGES.get(random.nextInt(PAGES.size())) + "," + (50 + random.nextInt(5_000)) + "\n");
            }
        }
    }
}
