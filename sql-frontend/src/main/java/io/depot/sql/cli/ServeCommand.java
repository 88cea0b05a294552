package io.depot.sql.cli;

import io.depot.sql.DepotSql;
import io.depot.sql.FileAccess;
import io.depot.sql.pgwire.PgServer;
import io.depot.sql.server.DepotServer;
import io.depot.sql.server.ServerOptions;
import io.depot.sql.server.UserStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code depot serve --db DIR --port P [--pg-port Q]}: the JDBC server for BI tools (and the
 * PostgreSQL wire protocol endpoint), until Ctrl-C or SIGTERM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a database to JDBC clients (Avatica thin driver) over HTTP, and with --pg-port to PostgreSQL "
                + "clients, until Ctrl-C or SIGTERM.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "DIR", description = "Database directory (created if absent).")
    Path database;

    @Option(names = "--port", defaultValue = "8765", paramLabel = "PORT",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--pg-port", paramLabel = "PORT",
            description = "Also serve PostgreSQL clients (psql, pgJDBC, psycopg2/SQLAlchemy, Superset) on this TCP port "
                    + "(0 picks a free one; default: not served).")
    Integer pgPort;

    @Option(names = "--host", defaultValue = ServerOptions.LOCAL_HOST, paramLabel = "HOST",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String host;

    @Option(names = "--users", paramLabel = "FILE",
            description = "Users file written by 'depot user add' (default: ~/.depot/users.properties).")
    Path users;

    @Option(names = "--allow-files", paramLabel = "DIR",
            description = "Let remote SQL read files under this directory of the server (default: no server files).")
    Path allowFiles;

    @Option(names = "--query-timeout", defaultValue = "0", paramLabel = "SECONDS",
            description = "Cancel queries that run longer (default: no limit).")
    long queryTimeoutSeconds;

    @Option(names = "--query-memory", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Most memory one query may hold, e.g. 512m or 2g (default: a quarter of the heap).")
    Long queryMemory;

    @Option(names = "--frame-rows", defaultValue = "10000", paramLabel = "ROWS",
            description = "Rows sent to a client per round trip (default: ${DEFAULT-VALUE}).")
    int frameRows;

    @Option(names = "--idle-timeout", defaultValue = "1800", paramLabel = "SECONDS",
            description = "Close remote connections idle this long, freeing their statements (default: ${DEFAULT-VALUE}; 0: never).")
    long idleTimeoutSeconds;

    /** Counted down when the running server should stop (Ctrl-C, SIGTERM, or {@link #stopRunning}). */
    private static volatile CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        ServeCommand.stop = stop;
        Path usersFile = users != null ? users : defaultUsersFile();
        ServerOptions options = new ServerOptions(host, port, UserStore.watching(usersFile),
                allowFiles == null ? FileAccess.NONE : FileAccess.under(allowFiles),
                queryTimeoutSeconds * 1000, frameRows, idleTimeoutSeconds * 1000);
        try (DepotSql sql = DepotSql.open(database)) {
            return serve(sql, options, usersFile, stop, stopped, out);
        } finally {
            stopped.countDown();
        }
    }

    /** Serves until stopped; {@code stopped} is counted down by the caller once the database is closed. */
    private int serve(DepotSql sql, ServerOptions options, Path usersFile, CountDownLatch stop, CountDownLatch stopped,
            PrintWriter out) throws InterruptedException {
        if (queryMemory != null) {
            sql.setQueryMemoryLimit(queryMemory);
        }
        try (DepotServer server = DepotServer.start(sql, options);
                PgServer pg = pgPort == null ? null : PgServer.start(sql, options, pgPort)) {
            // SIGTERM and Ctrl-C: wake the main thread and give it time to close the server and
            // the database before the JVM halts
            Thread shutdown = new Thread(() -> {
                stop.countDown();
                awaitQuietly(stopped);
            }, "depot-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            out.printf("Depot serves %s on %s:%d (users from %s, files: %s)%n",
                    database, host, server.port(), usersFile, options.fileAccess());
            out.printf("JDBC URL: %s;avatica_user=USER;avatica_password=PASSWORD%n", server.jdbcUrl());
            out.println("Driver: org.apache.calcite.avatica.remote.Driver (avatica-core). Stop with Ctrl-C.");
            if (pg != null) {
                out.printf("PostgreSQL clients: %s:%d, database %s (psql -h %s -p %d -U USER %s; "
                                + "SQLAlchemy postgresql+psycopg2://USER:PASSWORD@%s:%d/%s)%n",
                        host, pg.port(), PgServer.DATABASE, host, pg.port(), PgServer.DATABASE,
                        host, pg.port(), PgServer.DATABASE);
            }
            out.flush();
            stop.await();
            out.println("Depot server stopping");
            out.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook is what woke us
            }
        }
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server this JVM runs, as Ctrl-C does; for tests. */
    static void stopRunning() {
        stop.countDown();
    }

    static Path defaultUsersFile() {
        return Path.of(System.getProperty("user.home"), ".depot", "users.properties");
    }
}
