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
    /** The query running now (rows still being sent), or null. */
    private volatile ResultStream running;

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

    /** Starts a query; the result stops the time limit when it closes. */
    PgResult query(PreparedSql prepared, List<Object> parameters) {
        ResultStream stream = prepared.executeQuery(Parameters.bind(parameters, prepared.parameterTypes()));
        ScheduledFuture<?> limit = null;
        if (policy.queryTimeoutMillis() > 0) {
            long millis = policy.queryTimeoutMillis();
            limit = TIMER.schedule(() -> stream.cancel(new DepotException(ErrorCode.RESOURCE, String.format(
                    "Query exceeded its time limit of %d ms and was cancelled", millis))), millis, TimeUnit.MILLISECONDS);
        }
        running = stream;
        ScheduledFuture<?> timer = limit;
        return new StreamResult(stream, () -> {
            running = null;
            if (timer != null) {
                timer.cancel(false);
            }
        });
    }

    /** Runs a statement that is not a query; the tag says what it did, e.g. {@code INSERT 0 5}. */
    PgResult update(PreparedSql prepared, List<Object> parameters, String statement) {
        checkMayChange();
        long count = prepared.executeUpdate(Parameters.bind(parameters, prepared.parameterTypes()));
        return PgResult.command(commandTag(statement, count));
    }

    /** Cancels the running query, if any (from another thread: a CancelRequest). */
    void cancel() {
        ResultStream stream = running;
        if (stream != null) {
            stream.cancel(new DepotException(ErrorCode.USER, "Query was cancelled"));
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
