package io.depot.sql.server;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.depot.sql.DepotSql;
import io.depot.sql.jdbc.ServerMeta;
import io.depot.sql.jdbc.SessionPolicy;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.io.File;
import java.util.Arrays;
import java.util.concurrent.Callable;
import javax.security.auth.Subject;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.AvaticaProtobufHandler;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.apache.calcite.avatica.server.HttpRequestRemoteUserExtractor;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.RemoteUserExtractor;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Constraint;

/**
 * {@code depot serve}: Depot over Avatica's HTTP protocol with protobuf serialization, for the
 * Avatica thin JDBC driver ({@link #jdbcUrl}). Every request needs HTTP BASIC credentials of a
 * user in the {@link UserStore}; the user's {@link Role} decides its session's
 * {@link SessionPolicy}.
 *
 * <p>It listens on {@link ServerOptions#host()} only (Avatica's own server would listen on every
 * interface). Closing it stops accepting requests and closes every remote query.
 */
public final class DepotServer implements AutoCloseable {
    static final String REALM = "Depot";
    /** Avatica's maximum HTTP header size, the default of its builder. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ServerMeta meta;
    private final HttpServer http;
    private final String host;
    /** Closes idle connections now and then; null when they never expire. */
    private final ScheduledExecutorService sweeper;
    private boolean closed;

    private DepotServer(ServerMeta meta, HttpServer http, String host, long idleTimeoutMillis) {
        this.meta = meta;
        this.http = http;
        this.host = host;
        if (idleTimeoutMillis > 0) {
            this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "depot-idle-connections");
                thread.setDaemon(true);
                return thread;
            });
            // a connection lives at most a tenth longer than the timeout (and sweeps stay rare)
            long period = Math.max(10, Math.min(idleTimeoutMillis / 10, 60_000));
            sweeper.scheduleWithFixedDelay(() -> meta.closeIdle(idleTimeoutMillis), period, period, TimeUnit.MILLISECONDS);
        } else {
            this.sweeper = null;
        }
    }

    /** Starts serving the database; the caller keeps ownership of {@code sql}. */
    public static DepotServer start(DepotSql sql, ServerOptions options) {
        requireNonNull(sql, "sql is null");
        requireNonNull(options, "options is null");
        if (options.users().isEmpty()) {
            throw new DepotException(ErrorCode.USER,
                    "The server has no users: add one with 'depot user add --users FILE NAME --role read-only|read-write'");
        }
        ServerMeta meta = new ServerMeta(sql, user -> policy(options, user), options.frameRows());
        AvaticaServerConfiguration configuration = new Configuration(meta);
        AvaticaProtobufHandler handler =
                new AvaticaProtobufHandler(new LocalService(meta), NoopMetricsSystem.getInstance(), configuration);
        HttpServer http = new LocalHttpServer(options, handler, configuration);
        try {
            http.start();
        } catch (RuntimeException e) {
            try {
                http.stop();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw new DepotException(ErrorCode.RESOURCE, String.format(
                    "Cannot listen on %s:%d: %s", options.host(), options.port(), rootMessage(e)), e);
        }
        return new DepotServer(meta, http, options.host(), options.idleTimeoutMillis());
    }

    private static SessionPolicy policy(ServerOptions options, String user) {
        Role role = options.users().user(user).map(UserStore.User::role)
                .orElseThrow(() -> new DepotException(ErrorCode.USER, String.format("Unknown user[%s]", user)));
        return new SessionPolicy(role == Role.READ_ONLY, options.fileAccess(), options.queryTimeoutMillis());
    }

    /** The port the server listens on (the chosen one when the options said 0). */
    public int port() {
        return http.getPort();
    }

    /** The Avatica thin driver URL of this server, without credentials. */
    public String jdbcUrl() {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:avatica:remote:url=http://" + address + ":" + port() + ";serialization=protobuf;authentication=BASIC";
    }

    /** How many remote connections are open. */
    public int openConnections() {
        return meta.openConnections();
    }

    /** Waits until the server stops. */
    public void join() throws InterruptedException {
        http.join();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        try {
            http.stop();
        } finally {
            meta.closeAll();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Avatica's server, bound to one host and authenticating against the users file. */
    private static final class LocalHttpServer extends HttpServer {
        private final ServerOptions options;

        private LocalHttpServer(ServerOptions options, AvaticaProtobufHandler handler, AvaticaServerConfiguration configuration) {
            super(options.port(), handler, configuration, (Subject) null, null, MAX_HEADER_BYTES);
            this.options = options;
        }

        @Override
        protected ServerConnector getServerConnector() {
            ServerConnector connector = super.getServerConnector();
            connector.setHost(options.host());
            return connector;
        }

        @Override
        protected ConstraintSecurityHandler configureBasicAuthentication(Server server, AvaticaServerConfiguration config) {
            DepotLoginService login = new DepotLoginService(options.users());
            server.addBean(login);
            return configureCommonAuthentication(Constraint.__BASIC_AUTH, config.getAllowedRoles(),
                    new BasicAuthenticator(), REALM, login);
        }
    }

    /** BASIC authentication, every request run as its authenticated user. */
    private static final class Configuration implements AvaticaServerConfiguration {
        private final ServerMeta meta;

        private Configuration(ServerMeta meta) {
            this.meta = meta;
        }

        @Override
        public AuthenticationType getAuthenticationType() {
            return AuthenticationType.BASIC;
        }

        @Override
        public String[] getAllowedRoles() {
            return Arrays.stream(Role.values()).map(Role::text).toArray(String[]::new);
        }

        @Override
        public String getHashLoginServiceRealm() {
            return REALM;
        }

        @Override
        public String getHashLoginServiceProperties() {
            // unused: DepotLoginService reads the users
            return null;
        }

        @Override
        public boolean supportsImpersonation() {
            // "impersonation" is how Avatica lets the server run a request as its user
            return true;
        }

        @Override
        public <T> T doAsRemoteUser(String remoteUserName, String remoteAddress, Callable<T> action) throws Exception {
            return meta.runAs(remoteUserName, action);
        }

        @Override
        public RemoteUserExtractor getRemoteUserExtractor() {
            return new HttpRequestRemoteUserExtractor();
        }

        @Override
        public String getKerberosRealm() {
            return null;
        }

        @Override
        public String getKerberosPrincipal() {
            return null;
        }

        @Override
        public String getKerberosServiceName() {
            return null;
        }

        @Override
        public String getKerberosHostName() {
            return null;
        }

        @Override
        public File getKerberosKeytab() {
            return null;
        }
    }
}
