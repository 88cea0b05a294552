package io.depot.sql.jdbc;

import static java.util.Objects.requireNonNull;

import io.depot.sql.DepotSql;
import io.depot.sql.PreparedSql;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The statements of one JDBC connection, embedded or remote: what each has prepared and the
 * query it runs, under the connection's {@link SessionPolicy}. Thread-safe.
 *
 * <p>Each statement has at most one open run; it closes when its rows are exhausted or closed,
 * when the statement runs again or closes, and when the session closes.
 */
final class Session implements AutoCloseable {
    private static final String CANCELLED = "Query was cancelled";

    private final DepotSql sql;
    private final SessionPolicy policy;
    private final Map<Integer, PreparedSql> preparedStatements = new ConcurrentHashMap<>();
    private final Map<Integer, ResultRows> runs = new ConcurrentHashMap<>();
    /** Statement ids; MetaImpl's counter is not safe for threads sharing a connection. */
    private final AtomicInteger statementIds = new AtomicInteger();

    Session(DepotSql sql, SessionPolicy policy) {
        this.sql = requireNonNull(sql, "sql is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    DepotSql sql() {
        return sql;
    }

    SessionPolicy policy() {
        return policy;
    }

    int newStatementId() {
        return statementIds.getAndIncrement();
    }

    /**
     * Plans a statement, refusing anything but a query in a read-only session (every statement
     * a session executes is planned here, so this holds as DDL and DML are added).
     */
    PreparedSql plan(String statement) {
        try {
            PreparedSql prepared = policy.fileAccess().whilePlanning(() -> sql.prepare(statement));
            if (prepared.changesDatabase()) {
                checkMayChange();
            }
            return prepared;
        } catch (RuntimeException e) {
            throw SqlErrors.forMeta(e);
        }
    }

    /** Refuses changes in a read-only session. */
    private void checkMayChange() {
        if (policy.readOnly()) {
            throw new DepotException(ErrorCode.USER,
                    "This connection is read-only: only queries are allowed, not data or schema changes");
        }
    }

    void keepPrepared(int statementId, PreparedSql prepared) {
        preparedStatements.put(statementId, prepared);
    }

    /** The statement's prepared SQL, or null when it has none (unknown or closed). */
    PreparedSql prepared(int statementId) {
        return preparedStatements.get(statementId);
    }

    /**
     * Starts a query for a statement, closing the statement's previous run.
     *
     * @param maxRows the most rows to return, or {@link ResultRows#UNLIMITED}
     * @param statementTimeoutMillis the statement's own time limit, 0 for none
     */
    void start(int statementId, PreparedSql prepared, List<Object> parameters, long maxRows, long statementTimeoutMillis) {
        closeRun(statementId);
        ResultRows rows;
        try {
            rows = new ResultRows(prepared.executeQuery(parameters), maxRows);
        } catch (RuntimeException e) {
            throw SqlErrors.forMeta(e);
        }
        rows.limitTime(policy.effectiveTimeoutMillis(statementTimeoutMillis));
        runs.put(statementId, rows);
    }

    /**
     * Applies a statement that is not a query and returns its update count. Whatever the
     * statement, asking for an update count (executeUpdate, batches) is refused in a read-only
     * session.
     */
    long update(PreparedSql prepared, List<Object> parameters) {
        try {
            checkMayChange();
            return prepared.executeUpdate(parameters);
        } catch (RuntimeException e) {
            throw SqlErrors.forMeta(e);
        }
    }

    /** The statement's open run, or null. */
    ResultRows run(int statementId) {
        return runs.get(statementId);
    }

    /** Cancels the statement's running query, if any; its reader gets "Query was cancelled". */
    void cancel(int statementId) {
        ResultRows rows = runs.get(statementId);
        if (rows != null) {
            rows.cancel(new DepotException(ErrorCode.USER, CANCELLED));
        }
    }

    void closeStatement(int statementId) {
        preparedStatements.remove(statementId);
        closeRun(statementId);
    }

    private void closeRun(int statementId) {
        ResultRows rows = runs.remove(statementId);
        if (rows != null) {
            rows.close();
        }
    }

    CatalogRows catalogRows() {
        return new CatalogRows(sql.database());
    }

    /** Closes every run and forgets every statement; the database stays open. */
    @Override
    public void close() {
        for (Integer statement : List.copyOf(runs.keySet())) {
            closeRun(statement);
        }
        preparedStatements.clear();
    }
}
