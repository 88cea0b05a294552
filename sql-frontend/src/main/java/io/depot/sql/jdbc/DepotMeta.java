package io.depot.sql.jdbc;

import io.depot.sql.PreparedSql;
import io.depot.sql.schema.DepotSchema;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The Avatica {@code Meta} of one Depot connection: runs statements through the connection's
 * {@code DepotSql} and answers the catalog calls of {@code DatabaseMetaData}.
 *
 * <p>A query starts when it is executed; its rows stay in the engine's batches
 * ({@link ResultRows}) until the result set reads them, in process through
 * {@link DepotCursor}, remotely frame by frame through {@link #fetch}. Each statement has at
 * most one open run; it closes when the result set is exhausted or closed, when the statement
 * runs again or closes, and when the connection closes.
 *
 * <p>Depot commits every statement on its own: autocommit is always on, commit and rollback do
 * nothing.
 */
final class DepotMeta extends MetaImpl {
    private final DepotConnection depotConnection;
    private final Map<Integer, PreparedSql> preparedStatements = new ConcurrentHashMap<>();
    private final Map<Integer, ResultRows> runs = new ConcurrentHashMap<>();
    /** Statement ids; MetaImpl's counter is not safe for threads sharing a connection. */
    private final AtomicInteger statementIds = new AtomicInteger();

    DepotMeta(DepotConnection connection) {
        super(connection);
        this.depotConnection = connection;
        connProps.setAutoCommit(true);
        connProps.setReadOnly(false);
        connProps.setSchema(DepotSchema.DEFAULT_SCHEMA);
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle connectionHandle) {
        return new StatementHandle(connectionHandle.id, statementIds.getAndIncrement(), null);
    }

    @Override
    public StatementHandle prepare(ConnectionHandle connectionHandle, String sql, long maxRowCount) {
        PreparedSql prepared = plan(sql);
        StatementHandle handle = createStatement(connectionHandle);
        handle.signature = signature(sql, prepared);
        preparedStatements.put(handle.id, prepared);
        return handle;
    }

    @Deprecated
    @Override
    public ExecuteResult prepareAndExecute(
            StatementHandle handle, String sql, long maxRowCount, PrepareCallback callback)
            throws NoSuchStatementException {
        return prepareAndExecute(handle, sql, maxRowCount, -1, callback);
    }

    @Override
    public ExecuteResult prepareAndExecute(
            StatementHandle handle, String sql, long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
            throws NoSuchStatementException {
        PreparedSql prepared = plan(sql);
        Signature signature = signature(sql, prepared);
        MetaResultSet result;
        try {
            synchronized (callback.getMonitor()) {
                callback.clear();
                if (prepared.isQuery()) {
                    start(handle, prepared, maxRowCount);
                    callback.assign(signature, null, -1);
                    result = MetaResultSet.create(handle.connectionId, handle.id, false, signature, null);
                } else {
                    long count = update(prepared);
                    callback.assign(signature, null, count);
                    result = MetaResultSet.count(handle.connectionId, handle.id, count);
                }
            }
            callback.execute();
        } catch (SQLException e) {
            // closing the previous result set or opening the new one failed inside Avatica
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new ExecuteResult(List.of(result));
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle handle, List<String> sqlCommands) {
        long[] counts = new long[sqlCommands.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = update(plan(sqlCommands.get(i)));
        }
        return new ExecuteBatchResult(counts);
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle handle, List<List<TypedValue>> parameterValues)
            throws NoSuchStatementException {
        PreparedSql prepared = prepared(handle);
        long[] counts = new long[parameterValues.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = update(prepared, ParameterValues.of(parameterValues.get(i)));
        }
        return new ExecuteBatchResult(counts);
    }

    @Deprecated
    @Override
    public ExecuteResult execute(StatementHandle handle, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        return run(handle, parameterValues, maxRowCount);
    }

    @Override
    public ExecuteResult execute(StatementHandle handle, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        return run(handle, parameterValues, maxRows(handle));
    }

    @Override
    public Frame fetch(StatementHandle handle, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        ResultRows rows = runs.get(handle.id);
        if (rows == null) {
            throw new MissingResultsException(handle);
        }
        List<Object> frame = new ArrayList<>();
        boolean done = false;
        try {
            while (fetchMaxRowCount < 0 || frame.size() < fetchMaxRowCount) {
                if (!rows.next()) {
                    done = true;
                    break;
                }
                frame.add(rows.wireRow());
            }
        } catch (RuntimeException e) {
            throw SqlErrors.forMeta(e);
        }
        return new Frame(offset, done, frame);
    }

    @Override
    public void closeStatement(StatementHandle handle) {
        preparedStatements.remove(handle.id);
        closeRun(handle.id);
    }

    @Override
    public void closeConnection(ConnectionHandle connectionHandle) {
        for (Integer statement : List.copyOf(runs.keySet())) {
            closeRun(statement);
        }
        preparedStatements.clear();
    }

    @Override
    public boolean syncResults(StatementHandle handle, QueryState state, long offset) {
        // results live in this process and are never lost, so there is nothing to re-sync
        return false;
    }

    @Override
    public void commit(ConnectionHandle connectionHandle) {
        // every statement commits on its own
    }

    @Override
    public void rollback(ConnectionHandle connectionHandle) {
        // every statement commits on its own: there is nothing to roll back
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle connectionHandle, ConnectionProperties properties) {
        ConnectionProperties merged = super.connectionSync(connectionHandle, properties);
        // autocommit cannot be turned off; report the truth to tools that try
        connProps.setAutoCommit(true);
        return merged;
    }

    @Override
    public MetaResultSet getTables(
            ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat tableNamePattern, List<String> typeList) {
        return catalogResult(MetaTable.class, () -> CatalogRows.selectsTables(catalog)
                ? catalogRows().tables(LikePattern.of(schemaPattern.s), LikePattern.of(tableNamePattern.s), typeList)
                : List.of());
    }

    @Override
    public MetaResultSet getColumns(
            ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat tableNamePattern, Pat columnNamePattern) {
        return catalogResult(MetaColumn.class, () -> CatalogRows.selectsTables(catalog)
                ? catalogRows().columns(
                        LikePattern.of(schemaPattern.s), LikePattern.of(tableNamePattern.s), LikePattern.of(columnNamePattern.s))
                : List.of());
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern) {
        return catalogResult(MetaSchema.class, () -> CatalogRows.selectsTables(catalog)
                ? catalogRows().schemas(LikePattern.of(schemaPattern.s))
                : List.of());
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle connectionHandle) {
        // Depot has no catalogs: every table has a null TABLE_CAT
        return catalogResult(MetaCatalog.class, List::of);
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle connectionHandle) {
        return catalogResult(MetaTableType.class, CatalogRows::tableTypes);
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle connectionHandle) {
        return catalogResult(MetaTypeInfo.class, CatalogRows::typeInfo);
    }

    /**
     * The open run of a statement that no result set reads yet, for the result set the
     * statement's execution is creating.
     */
    Optional<ResultRows> takeRun(StatementHandle handle) {
        ResultRows rows = runs.get(handle.id);
        return rows != null && rows.attach() ? Optional.of(rows) : Optional.empty();
    }

    /** Executes a prepared statement: starts its query or applies its update. */
    private ExecuteResult run(StatementHandle handle, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        PreparedSql prepared = prepared(handle);
        List<Object> parameters = ParameterValues.of(parameterValues);
        Signature signature = handle.signature;
        MetaResultSet result;
        if (prepared.isQuery()) {
            start(handle, prepared, parameters, maxRowCount);
            result = MetaResultSet.create(handle.connectionId, handle.id, false, signature, null);
        } else {
            result = MetaResultSet.count(handle.connectionId, handle.id, update(prepared, parameters));
        }
        return new ExecuteResult(List.of(result));
    }

    private PreparedSql plan(String sql) {
        try {
            return depotConnection.sql().prepare(sql);
        } catch (RuntimeException e) {
            throw SqlErrors.forMeta(e);
        }
    }

    private long update(PreparedSql prepared) {
        return update(prepared, List.of());
    }

    private long update(PreparedSql prepared, List<Object> parameters) {
        try {
            return prepared.executeUpdate(parameters);
        } catch (RuntimeException e) {
            throw SqlErrors.forMeta(e);
        }
    }

    /** Starts a query for a statement, closing the statement's previous run. */
    private void start(StatementHandle handle, PreparedSql prepared, long maxRowCount) {
        start(handle, prepared, List.of(), maxRowCount);
    }

    private void start(StatementHandle handle, PreparedSql prepared, List<Object> parameters, long maxRowCount) {
        closeRun(handle.id);
        ResultRows rows;
        try {
            rows = new ResultRows(prepared.executeQuery(parameters), maxRowCount);
        } catch (RuntimeException e) {
            throw SqlErrors.forMeta(e);
        }
        runs.put(handle.id, rows);
    }

    private void closeRun(int statementId) {
        ResultRows rows = runs.remove(statementId);
        if (rows != null) {
            rows.close();
        }
    }

    private PreparedSql prepared(StatementHandle handle) throws NoSuchStatementException {
        PreparedSql prepared = preparedStatements.get(handle.id);
        if (prepared == null) {
            throw new NoSuchStatementException(handle);
        }
        return prepared;
    }

    /** The statement's {@code setMaxRows} limit, which Avatica does not pass to execute. */
    private long maxRows(StatementHandle handle) {
        AvaticaStatement statement = depotConnection.statementMap.get(handle.id);
        if (statement == null) {
            return ResultRows.UNLIMITED;
        }
        try {
            long maxRows = statement.getLargeMaxRows();
            return maxRows <= 0 ? ResultRows.UNLIMITED : maxRows;
        } catch (SQLException e) {
            return ResultRows.UNLIMITED;
        }
    }

    private CatalogRows catalogRows() {
        return new CatalogRows(depotConnection.sql().database());
    }

    private static Signature signature(String sql, PreparedSql prepared) {
        List<ColumnMetaData> columns = new ArrayList<>();
        if (prepared.isQuery()) {
            List<Column> resultColumns = prepared.columns();
            for (int i = 0; i < resultColumns.size(); i++) {
                columns.add(JdbcTypes.columnMetaData(resultColumns.get(i), i));
            }
        }
        List<AvaticaParameter> parameters = new ArrayList<>();
        for (ColumnType type : prepared.parameterTypes()) {
            parameters.add(JdbcTypes.parameter(type));
        }
        return new Signature(
                columns,
                sql,
                parameters,
                Map.of(),
                CursorFactory.LIST,
                prepared.isQuery() ? StatementType.SELECT : StatementType.OTHER_DDL);
    }

    /**
     * A metadata result set over rows of one of {@link MetaImpl}'s row classes, whose public
     * fields are the columns in JDBC's order.
     */
    private <T> MetaResultSet catalogResult(Class<T> rowClass, Supplier<List<T>> rows) {
        List<Field> fields = new ArrayList<>();
        List<String> fieldNames = new ArrayList<>();
        for (Field field : rowClass.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
                fieldNames.add(field.getName());
            }
        }
        List<Object> values;
        try {
            values = List.copyOf(rows.get());
        } catch (RuntimeException e) {
            throw SqlErrors.forMeta(e);
        }
        return createResultSet(
                Map.of(),
                fieldMetaData(rowClass).columns,
                CursorFactory.record(rowClass, fields, fieldNames),
                new Frame(0, true, values));
    }
}
