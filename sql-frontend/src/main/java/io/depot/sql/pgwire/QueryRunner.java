package io.depot.sql.pgwire;

import static java.util.Objects.requireNonNull;

import io.depot.engine.exec.ResultStream;
import io.depot.sql.DepotSql;
import io.depot.sql.Parameters;
import io.depot.sql.PreparedSql;
import io.depot.sql.jdbc.SessionPolicy;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one connection's statements on the database under the user's {@link SessionPolicy}, as
 * the Avatica server's sessions do: server files only as the policy allows while planning, data
 * and schema changes refused for a read-only user, queries cancelled after the time limit. It
 * also holds the query that runs now, so that a CancelRequest from another socket can stop it.
 */
final class QueryRunner {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "depot-pg-query-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    private final DepotSql sql;
    private final SessionPolicy policy;
    private final Object cancelLock = new Object();
    /** The query whose rows are being sent, or null. Guarded by cancelLock. */
    private ResultStream running;
    /** Whether a client request (Query, Execute) is being served. Guarded by cancelLock. */
    private boolean busy;
    /**
     * A CancelRequest that arrived while a request was served but before its query existed
     * (still planning, say): applied as soon as the query starts. Guarded by cancelLock.
     */
    private DepotException pendingCancel;

    QueryRunner(DepotSql sql, SessionPolicy policy) {
        this.sql = requireNonNull(sql, "sql is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    SessionPolicy policy() {
        return policy;
    }

    /** Plans a statement; a read-only session refuses one that changes the database. */
    PreparedSql plan(String statement) {
        PreparedSql prepared = policy.fileAccess().whilePlanning(() -> sql.prepare(statement));
        if (prepared.changesDatabase()) {
            checkMayChange();
        }
        return prepared;
    }

    /**
     * Starts a query; the result stops the time limit when it closes.
     *
     * @param sessionTimeoutMillis the session's {@code statement_timeout}, 0 for none; the
     *     server's limit applies when shorter
     */
    PgResult query(PreparedSql prepared, List<Object> parameters, long sessionTimeoutMillis) {
        checkCancelled();
        ResultStream stream = prepared.executeQuery(Parameters.bind(parameters, prepared.parameterTypes()));
        ScheduledFuture<?> limit = null;
        long millis = policy.queryTimeoutMillis() <= 0 ? sessionTimeoutMillis
                : sessionTimeoutMillis <= 0 ? policy.queryTimeoutMillis()
                : Math.min(policy.queryTimeoutMillis(), sessionTimeoutMillis);
        if (millis > 0) {
            limit = TIMER.schedule(() -> stream.cancel(new DepotException(ErrorCode.RESOURCE, String.format(
                    "Query exceeded its time limit of %d ms and was cancelled", millis))), millis, TimeUnit.MILLISECONDS);
        }
        synchronized (cancelLock) {
            running = stream;
            if (pendingCancel != null) {
                stream.cancel(pendingCancel);
                pendingCancel = null;
            }
        }
        ScheduledFuture<?> timer = limit;
        return new StreamResult(stream, () -> {
            synchronized (cancelLock) {
                if (running == stream) {
                    running = null;
                }
            }
            if (timer != null) {
                timer.cancel(false);
            }
        });
    }

    /** Runs a statement that is not a query; the tag says what it did, e.g. {@code INSERT 0 5}. */
    PgResult update(PreparedSql prepared, List<Object> parameters, String statement) {
        checkMayChange();
        checkCancelled();
        long count = prepared.executeUpdate(Parameters.bind(parameters, prepared.parameterTypes()));
        return PgResult.command(commandTag(statement, count));
    }

    /** A client request starts being served: a CancelRequest from now on applies to it. */
    void beginRequest() {
        synchronized (cancelLock) {
            busy = true;
            pendingCancel = null;
        }
    }

    /** The request is answered: a later CancelRequest finds nothing to cancel, as in PostgreSQL. */
    void endRequest() {
        synchronized (cancelLock) {
            busy = false;
            pendingCancel = null;
        }
    }

    /** Cancels the running query, or the one the request being served is about to start (from another thread: a CancelRequest). */
    void cancel() {
        DepotException reason = new DepotException(ErrorCode.USER, "Query was cancelled");
        synchronized (cancelLock) {
            if (running != null) {
                running.cancel(reason);
            } else if (busy) {
                pendingCancel = reason;
            }
        }
    }

    /** Fails the statement when a cancel came before its query started. */
    private void checkCancelled() {
        synchronized (cancelLock) {
            if (pendingCancel != null) {
                DepotException reason = pendingCancel;
                pendingCancel = null;
                throw new DepotException(reason.code(), reason.getMessage());
            }
        }
    }

    private void checkMayChange() {
        if (policy.readOnly()) {
            throw new DepotException(ErrorCode.USER,
                    "This connection is read-only: only queries are allowed, not data or schema changes");
        }
    }

    /** PostgreSQL's CommandComplete tag for a statement that changed {@code count} rows. */
    static String commandTag(String statement, long count) {
        String[] words = SqlText.normalize(statement).toUpperCase(Locale.ROOT).split("[\\s(]+");
        String first = words[0];
        return switch (first) {
            case "INSERT" -> "INSERT 0 " + count;
            case "UPDATE", "DELETE", "MERGE", "COPY" -> first + " " + count;
            case "CREATE", "DROP", "ALTER" -> words.length > 1 ? first + " " + objectKind(words) : first;
            default -> first;
        };
    }

    private static String objectKind(String[] words) {
        String kind = words[1];
        // CREATE OR REPLACE VIEW: the object kind is the fourth word
        return kind.equals("OR") && words.length > 3 ? words[3] : kind;
    }
}
