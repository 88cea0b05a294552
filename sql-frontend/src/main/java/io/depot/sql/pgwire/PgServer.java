package io.depot.sql.pgwire;

import static java.util.Objects.requireNonNull;

import io.depot.sql.DepotSql;
import io.depot.sql.server.ServerOptions;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Depot over the PostgreSQL wire protocol (version 3), for clients that only speak PostgreSQL:
 * psql, pgJDBC, psycopg2 and so SQLAlchemy and Superset. One thread accepts connections and one
 * thread serves each connection ({@link PgConnection}); users, roles, the interface, server file
 * access and the query time limit come from the same {@link ServerOptions} as the Avatica server.
 *
 * <p>Closing it stops accepting, closes every connection's socket and so ends their queries.
 */
public final class PgServer implements AutoCloseable {
    /** The database name clients see (any name they connect to reaches the one database). */
    public static final String DATABASE = SessionCommands.DATABASE;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Like PostgreSQL's max_connections: each connection is a thread, so their number is bounded. */
    static final int MAX_CONNECTIONS = 256;

    private final DepotSql sql;
    private final ServerOptions options;
    private final ServerSocket socket;
    private final Thread acceptor;
    private final CatalogQueries catalog;
    private final Map<Integer, PgConnection> connections = new ConcurrentHashMap<>();
    private final int maxConnections;
    private final AtomicInteger processIds = new AtomicInteger(1000 + RANDOM.nextInt(9000));
    private volatile boolean closed;

    private PgServer(DepotSql sql, ServerOptions options, ServerSocket socket, int maxConnections) {
        this.sql = sql;
        this.maxConnections = maxConnections;
        this.options = options;
        this.socket = socket;
        this.catalog = new CatalogQueries();
        this.acceptor = new Thread(this::acceptLoop, "depot-pg-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Starts listening on {@code options.host()} and {@code port} (0 picks a free one); the
     * options' own port is the Avatica server's. The caller keeps ownership of {@code sql}.
     */
    public static PgServer start(DepotSql sql, ServerOptions options, int port) {
        return start(sql, options, port, MAX_CONNECTIONS);
    }

    /** As {@link #start(DepotSql, ServerOptions, int)}, with another connection limit (for tests). */
    static PgServer start(DepotSql sql, ServerOptions options, int port, int maxConnections) {
        requireNonNull(sql, "sql is null");
        requireNonNull(options, "options is null");
        if (options.users().isEmpty()) {
            throw new DepotException(ErrorCode.USER,
                    "The server has no users: add one with 'depot user add --users FILE NAME --role read-only|read-write'");
        }
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(options.host()), port), 128);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DepotException(ErrorCode.RESOURCE, String.format(
                    "Cannot listen for PostgreSQL clients on %s:%d: %s", options.host(), port, e.getMessage()), e);
        }
        PgServer server = new PgServer(sql, options, socket, maxConnections);
        server.acceptor.start();
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** How many client connections are open. */
    public int openConnections() {
        return connections.size();
    }

    DepotSql sql() {
        return sql;
    }

    ServerOptions options() {
        return options;
    }

    CatalogQueries catalog() {
        return catalog;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            try {
                client.setTcpNoDelay(true);
                client.setKeepAlive(true);
            } catch (SocketException e) {
                // only a latency hint
            }
            if (connections.size() >= maxConnections) {
                PgConnection.refuse(client, PgError.fatal("53300", "sorry, too many clients already"));
                continue;
            }
            int processId = processIds.getAndIncrement();
            PgConnection connection = new PgConnection(this, client, processId, RANDOM.nextInt());
            connections.put(processId, connection);
            Thread thread = new Thread(connection, "depot-pg-" + processId);
            thread.setDaemon(true);
            thread.start();
        }
    }

    void unregister(PgConnection connection) {
        connections.remove(connection.processId(), connection);
    }

    /** A CancelRequest: stops the query of the connection with this process id if the secret matches. */
    void cancel(int processId, int secret) {
        PgConnection connection = connections.get(processId);
        if (connection != null && connection.secret() == secret) {
            connection.cancelQuery();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(socket);
        List<PgConnection> open = List.copyOf(connections.values());
        for (PgConnection connection : open) {
            // a query that is computing does not notice a closed socket: cancel it too
            connection.cancelQuery();
            connection.closeSocket();
        }
        // the connection threads free their queries' memory before the caller closes the database
        try {
            acceptor.join(5_000);
            for (PgConnection connection : open) {
                Thread thread = connection.thread();
                if (thread != null) {
                    thread.join(5_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
