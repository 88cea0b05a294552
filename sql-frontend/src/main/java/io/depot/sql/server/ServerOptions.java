package io.depot.sql.server;

import static java.util.Objects.requireNonNull;

import io.depot.sql.FileAccess;

/**
 * How {@code depot serve} runs.
 *
 * @param host the interface to listen on; {@code 127.0.0.1} keeps the server local
 * @param port the TCP port; 0 picks a free one
 * @param users who may connect
 * @param fileAccess which server files remote SQL may read ({@link FileAccess#NONE} unless
 *     the administrator allows a directory)
 * @param queryTimeoutMillis the longest a remote query may run, 0 for no limit
 * @param frameRows rows per frame sent to a client (Avatica's own default is 100)
 * @param idleTimeoutMillis how long a remote connection may go without a request before the
 *     server closes it and frees its statements (a client that vanished never says goodbye);
 *     0 for never
 */
public record ServerOptions(String host, int port, UserStore users, FileAccess fileAccess, long queryTimeoutMillis,
        int frameRows, long idleTimeoutMillis) {
    public static final String LOCAL_HOST = "127.0.0.1";
    public static final int DEFAULT_FRAME_ROWS = 10_000;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30 * 60 * 1000L;

    public ServerOptions {
        requireNonNull(host, "host is null");
        requireNonNull(users, "users is null");
        requireNonNull(fileAccess, "fileAccess is null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (idleTimeoutMillis < 0) {
            throw new IllegalArgumentException("idle timeout must not be negative: " + idleTimeoutMillis);
        }
    }

    /** Local only, no file access, no time limit, the default frame size and idle timeout. */
    public static ServerOptions local(int port, UserStore users) {
        return new ServerOptions(LOCAL_HOST, port, users, FileAccess.NONE, 0, DEFAULT_FRAME_ROWS,
                DEFAULT_IDLE_TIMEOUT_MILLIS);
    }

    /** These options with another idle timeout. */
    public ServerOptions withIdleTimeoutMillis(long millis) {
        return new ServerOptions(host, port, users, fileAccess, queryTimeoutMillis, frameRows, millis);
    }
}
