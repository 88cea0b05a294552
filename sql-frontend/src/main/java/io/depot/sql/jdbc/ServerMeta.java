package io.depot.sql.jdbc;

import static java.util.Objects.requireNonNull;

import io.depot.sql.DepotSql;
import io.depot.sql.schema.DepotSchema;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;

/**
 * The {@code Meta} behind {@code depot serve}: one {@link Session} per remote connection, opened
 * for the authenticated user and with that user's {@link SessionPolicy}. The HTTP layer runs
 * each request inside {@link #runAs}, and a connection answers only the user who opened it (its
 * id comes from the client, so another user could otherwise borrow it).
 *
 * <p>Rows go out in frames of at least {@code frameRows} rows, whatever smaller fetch size the
 * client asks for (Avatica's default of 100 rows makes large results slow, CALCITE-2322).
 */
public final class ServerMeta extends SessionMeta {
    private final DepotSql sql;
    private final Function<String, SessionPolicy> policies;
    private final int frameRows;
    private final Map<String, RemoteSession> sessions = new ConcurrentHashMap<>();
    private final ThreadLocal<String> currentUser = new ThreadLocal<>();

    /**
     * A remote connection's session, its owner, the connection properties it synchronized, and
     * when it last had a request ({@link System#nanoTime()}).
     */
    private record RemoteSession(String user, Session session, ConnectionPropertiesImpl properties, AtomicLong lastUsed,
            AtomicInteger requests) {
        RemoteSession(String user, Session session, ConnectionPropertiesImpl properties) {
            this(user, session, properties, new AtomicLong(System.nanoTime()), new AtomicInteger());
        }

        /** Whether it had no request for {@code idleNanos} and none is running now. */
        boolean idleFor(long idleNanos, long now) {
            return requests.get() == 0 && now - lastUsed.get() >= idleNanos;
        }
    }

    /** The sessions the current request uses: busy (never idle) until the request ends. */
    private final ThreadLocal<List<RemoteSession>> requestSessions = ThreadLocal.withInitial(ArrayList::new);

    /**
     * @param sql the database every connection uses
     * @param policies the policy of an authenticated user's sessions
     * @param frameRows the fewest rows a fetch returns (unless the result ends first)
     */
    public ServerMeta(DepotSql sql, Function<String, SessionPolicy> policies, int frameRows) {
        super(null);
        this.sql = requireNonNull(sql, "sql is null");
        this.policies = requireNonNull(policies, "policies is null");
        if (frameRows <= 0) {
            throw new IllegalArgumentException("frame rows must be positive: " + frameRows);
        }
        this.frameRows = frameRows;
    }

    /** Runs one request of an authenticated user. */
    public <T> T runAs(String user, Callable<T> request) throws Exception {
        requireNonNull(user, "user is null");
        currentUser.set(user);
        try {
            return request.call();
        } finally {
            currentUser.remove();
            // the idle time of the request's connections counts from its end
            List<RemoteSession> used = requestSessions.get();
            for (RemoteSession session : used) {
                session.lastUsed().set(System.nanoTime());
                session.requests().decrementAndGet();
            }
            used.clear();
        }
    }

    /** How many remote connections are open. */
    public int openConnections() {
        return sessions.size();
    }

    @Override
    public void openConnection(ConnectionHandle connectionHandle, Map<String, String> info) {
        String user = user();
        SessionPolicy policy = policies.apply(user);
        ConnectionPropertiesImpl properties = new ConnectionPropertiesImpl(
                true, policy.readOnly(), null, null, DepotSchema.DEFAULT_SCHEMA);
        RemoteSession session = new RemoteSession(user, new Session(sql, policy), properties);
        if (sessions.putIfAbsent(connectionHandle.id, session) != null) {
            throw new DepotException(ErrorCode.USER, String.format("Connection[%s] is open already", connectionHandle.id));
        }
    }

    @Override
    public void closeConnection(ConnectionHandle connectionHandle) {
        remoteSession(connectionHandle);
        RemoteSession session = sessions.remove(connectionHandle.id);
        if (session != null) {
            session.session().close();
        }
    }

    /** Closes every connection's queries; for shutting the server down. */
    public void closeAll() {
        for (String connection : List.copyOf(sessions.keySet())) {
            RemoteSession session = sessions.remove(connection);
            if (session != null) {
                session.session().close();
            }
        }
    }

    /**
     * Closes the connections that had no request for {@code idleMillis} or longer, with their
     * statements and running queries: clients that disappeared without closing. A client that
     * comes back is told its connection is not open and reconnects.
     *
     * @return how many connections were closed
     */
    public int closeIdle(long idleMillis) {
        long now = System.nanoTime();
        int closed = 0;
        for (Map.Entry<String, RemoteSession> entry : sessions.entrySet()) {
            RemoteSession session = entry.getValue();
            if (session.idleFor(idleMillis * 1_000_000L, now) && sessions.remove(entry.getKey(), session)) {
                session.session().close();
                closed++;
            }
        }
        return closed;
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle connectionHandle, ConnectionProperties properties) {
        RemoteSession session = remoteSession(connectionHandle);
        synchronized (session) {
            session.properties().merge(properties);
            // autocommit cannot be turned off, and a read-only user stays read-only
            session.properties().setAutoCommit(true);
            session.properties().setReadOnly(session.session().policy().readOnly());
            return session.properties();
        }
    }

    @Override
    Session session(ConnectionHandle connectionHandle) {
        return remoteSession(connectionHandle).session();
    }

    @Override
    long maxRows(StatementHandle handle, long requested) {
        return requested <= 0 ? ResultRows.UNLIMITED : requested;
    }

    @Override
    long statementTimeoutMillis(StatementHandle handle) {
        // Avatica's protocol does not carry setQueryTimeout: the session's limit applies
        return 0;
    }

    @Override
    int frameRows(int requested) {
        return Math.max(requested, frameRows);
    }

    private RemoteSession remoteSession(ConnectionHandle connectionHandle) {
        RemoteSession session = sessions.get(connectionHandle.id);
        if (session == null || !session.user().equals(user())) {
            // the same answer for "unknown" and "someone else's": do not confirm ids
            throw new DepotException(ErrorCode.USER, String.format(
                    "Connection[%s] is not open (closed, or expired after being idle); reconnect", connectionHandle.id));
        }
        List<RemoteSession> used = requestSessions.get();
        if (!used.contains(session)) {
            session.requests().incrementAndGet();
            used.add(session);
        }
        return session;
    }

    private String user() {
        String user = currentUser.get();
        if (user == null) {
            throw new IllegalStateException("a server request runs outside runAs");
        }
        return user;
    }
}
