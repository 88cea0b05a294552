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
 */
public record ServerOptions(
        String host, int port, UserStore users, FileAccess fileAccess, long queryTimeoutMillis, int frameRows) {
    public static final String LOCAL_HOST = "127.0.0.1";
    public static final int DEFAULT_FRAME_ROWS = 10_000;

    public ServerOptions {
        requireNonNull(host, "host is null");
        requireNonNull(users, "users is null");
        requireNonNull(fileAccess, "fileAccess is null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Local only, no file access, no time limit, the default frame size. */
    public static ServerOptions local(int port, UserStore users) {
        return new ServerOptions(LOCAL_HOST, port, users, FileAccess.NONE, 0, DEFAULT_FRAME_ROWS);
    }
}
