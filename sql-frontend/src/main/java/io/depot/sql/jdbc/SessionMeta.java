package io.depot.sql.jdbc;

import io.depot.sql.PreparedSql;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The Avatica {@code Meta} of Depot, for the embedded driver ({@link DepotMeta}, one connection)
 * and the server ({@link ServerMeta}, every remote connection): runs statements through the
 * connection's {@link Session} and answers the catalog calls of {@code DatabaseMetaData}.
 *
 * <p>A query starts when it is executed; its rows stay in the engine's batches
 * ({@link ResultRows}) until they are read, in process through {@link DepotCursor}, remotely
 * frame by frame through {@link #fetch}.
 *
 * <p>Depot commits every statement on its own: autocommit is always on, commit and rollback do
 * nothing.
 */
abstract class SessionMeta extends MetaImpl {
    SessionMeta(AvaticaConnection connection) {
        super(connection);
    }

    /** The session of a connection; fails when the connection is unknown or closed. */
    abstract Session session(ConnectionHandle connectionHandle);

    /** The row limit of an execution, given the limit the request carries (-1 for none). */
    abstract long maxRows(StatementHandle handle, long requested);

    /** The statement's own time limit in milliseconds, 0 for none. */
    abstract long statementTimeoutMillis(StatementHandle handle);

    /** How many rows a {@link #fetch} returns, given how many the client asked for (-1: all). */
    abstract int frameRows(int requested);

    private Session session(StatementHandle handle) {
        return session(new ConnectionHandle(handle.connectionId));
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle connectionHandle) {
        return new StatementHandle(connectionHandle.id, session(connectionHandle).newStatementId(), null);
    }

    @Override
    public StatementHandle prepare(ConnectionHandle connectionHandle, String sql, long maxRowCount) {
        Session session = session(connectionHandle);
        PreparedSql prepared = session.plan(sql);
        StatementHandle handle = createStatement(connectionHandle);
        handle.signature = signature(sql, prepared);
        session.keepPrepared(handle.id, prepared);
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
        Session session = session(handle);
        PreparedSql prepared = session.plan(sql);
        Signature signature = signature(sql, prepared);
        MetaResultSet result;
        try {
            synchronized (callback.getMonitor()) {
                callback.clear();
                if (prepared.isQuery()) {
                    session.start(handle.id, prepared, List.of(), maxRows(handle, maxRowCount), statementTimeoutMillis(handle));
                    callback.assign(signature, null, -1);
                    result = MetaResultSet.create(handle.connectionId, handle.id, false, signature, null);
                } else {
                    long count = session.update(prepared, List.of());
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
        Session session = session(handle);
        long[] counts = new long[sqlCommands.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = session.update(session.plan(sqlCommands.get(i)), List.of());
        }
        return new ExecuteBatchResult(counts);
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle handle, List<List<TypedValue>> parameterValues)
            throws NoSuchStatementException {
        Session session = session(handle);
        PreparedSql prepared = prepared(session, handle);
        long[] counts = new long[parameterValues.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = session.update(prepared, ParameterValues.of(parameterValues.get(i)));
        }
        return new ExecuteBatchResult(counts);
    }

    @Deprecated
    @Override
    public ExecuteResult execute(StatementHandle handle, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        return run(handle, parameterValues, maxRowCount);
    }

    /**
     * Executes a prepared statement. The int is no row limit: the thin client sends its fetch
     * size there, and in process it is the first frame's size. An embedded statement's
     * {@code setMaxRows} still applies ({@link #maxRows}); a remote one's cannot reach here.
     */
    @Override
    public ExecuteResult execute(StatementHandle handle, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        return run(handle, parameterValues, ResultRows.UNLIMITED);
    }

    @Override
    public Frame fetch(StatementHandle handle, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        ResultRows rows = session(handle).run(handle.id);
        if (rows == null) {
            throw new MissingResultsException(handle);
        }
        int frameRows = frameRows(fetchMaxRowCount);
        List<Object> frame;
        try {
            frame = rows.nextWireRows(frameRows);
        } catch (RuntimeException e) {
            throw SqlErrors.forMeta(e);
        }
        return new Frame(offset, frame.size() < frameRows || rows.isClosed(), frame);
    }

    /** Cancels the statement's running query; its reader fails with "Query was cancelled". */
    void cancel(StatementHandle handle) {
        session(handle).cancel(handle.id);
    }

    @Override
    public void closeStatement(StatementHandle handle) {
        session(handle).closeStatement(handle.id);
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
    public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle connectionHandle) {
        return SqlCapabilities.databaseProperties();
    }

    @Override
    public MetaResultSet getTables(
            ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat tableNamePattern, List<String> typeList) {
        Session session = session(connectionHandle);
        return catalogResult(connectionHandle, MetaTable.class, () -> CatalogRows.selectsTables(catalog)
                ? session.catalogRows().tables(LikePattern.of(schemaPattern.s), LikePattern.of(tableNamePattern.s), typeList)
                : List.of());
    }

    @Override
    public MetaResultSet getColumns(
            ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat tableNamePattern, Pat columnNamePattern) {
        Session session = session(connectionHandle);
        return catalogResult(connectionHandle, MetaColumn.class, () -> CatalogRows.selectsTables(catalog)
                ? session.catalogRows().columns(
                        LikePattern.of(schemaPattern.s), LikePattern.of(tableNamePattern.s), LikePattern.of(columnNamePattern.s))
                : List.of());
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern) {
        Session session = session(connectionHandle);
        return catalogResult(connectionHandle, MetaSchema.class, () -> CatalogRows.selectsTables(catalog)
                ? session.catalogRows().schemas(LikePattern.of(schemaPattern.s))
                : List.of());
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle connectionHandle) {
        // Depot has no catalogs: every table has a null TABLE_CAT
        return catalogResult(connectionHandle, MetaCatalog.class, List::of);
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle connectionHandle) {
        return catalogResult(connectionHandle, MetaTableType.class, CatalogRows::tableTypes);
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle connectionHandle) {
        return catalogResult(connectionHandle, MetaTypeInfo.class, CatalogRows::typeInfo);
    }

    @Override
    public MetaResultSet getFunctions(
            ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat functionNamePattern) {
        return catalogResult(connectionHandle, MetaFunction.class, () -> CatalogRows.selectsTables(catalog)
                ? SqlCapabilities.functions(LikePattern.of(schemaPattern.s), LikePattern.of(functionNamePattern.s))
                : List.of());
    }

    // Depot has no keys, indexes, procedures, privileges, user-defined types or client info
    // properties: these calls answer with correctly shaped empty results (MetaImpl's own would
    // need a client-side connection, which the server does not have).

    @Override
    public MetaResultSet getProcedures(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat procedureNamePattern) {
        return catalogResult(connectionHandle, MetaProcedure.class, List::of);
    }

    @Override
    public MetaResultSet getProcedureColumns(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat procedureNamePattern, Pat columnNamePattern) {
        return catalogResult(connectionHandle, MetaProcedureColumn.class, List::of);
    }

    @Override
    public MetaResultSet getColumnPrivileges(ConnectionHandle connectionHandle, String catalog, String schema, String table, Pat columnNamePattern) {
        return catalogResult(connectionHandle, MetaColumnPrivilege.class, List::of);
    }

    @Override
    public MetaResultSet getTablePrivileges(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat tableNamePattern) {
        return catalogResult(connectionHandle, MetaTablePrivilege.class, List::of);
    }

    @Override
    public MetaResultSet getBestRowIdentifier(ConnectionHandle connectionHandle, String catalog, String schema, String table, int scope, boolean nullable) {
        return catalogResult(connectionHandle, MetaBestRowIdentifier.class, List::of);
    }

    @Override
    public MetaResultSet getVersionColumns(ConnectionHandle connectionHandle, String catalog, String schema, String table) {
        return catalogResult(connectionHandle, MetaVersionColumn.class, List::of);
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle connectionHandle, String catalog, String schema, String table) {
        return catalogResult(connectionHandle, MetaPrimaryKey.class, List::of);
    }

    @Override
    public MetaResultSet getImportedKeys(ConnectionHandle connectionHandle, String catalog, String schema, String table) {
        return catalogResult(connectionHandle, MetaImportedKey.class, List::of);
    }

    @Override
    public MetaResultSet getExportedKeys(ConnectionHandle connectionHandle, String catalog, String schema, String table) {
        return catalogResult(connectionHandle, MetaExportedKey.class, List::of);
    }

    @Override
    public MetaResultSet getCrossReference(ConnectionHandle connectionHandle, String parentCatalog, String parentSchema, String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) {
        return catalogResult(connectionHandle, MetaCrossReference.class, List::of);
    }

    @Override
    public MetaResultSet getIndexInfo(ConnectionHandle connectionHandle, String catalog, String schema, String table, boolean unique, boolean approximate) {
        return catalogResult(connectionHandle, MetaIndexInfo.class, List::of);
    }

    @Override
    public MetaResultSet getUDTs(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat typeNamePattern, int[] types) {
        return catalogResult(connectionHandle, MetaUdt.class, List::of);
    }

    @Override
    public MetaResultSet getSuperTypes(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat typeNamePattern) {
        return catalogResult(connectionHandle, MetaSuperType.class, List::of);
    }

    @Override
    public MetaResultSet getSuperTables(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat tableNamePattern) {
        return catalogResult(connectionHandle, MetaSuperTable.class, List::of);
    }

    @Override
    public MetaResultSet getAttributes(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat typeNamePattern, Pat attributeNamePattern) {
        return catalogResult(connectionHandle, MetaAttribute.class, List::of);
    }

    @Override
    public MetaResultSet getClientInfoProperties(ConnectionHandle connectionHandle) {
        return catalogResult(connectionHandle, MetaClientInfoProperty.class, List::of);
    }

    @Override
    public MetaResultSet getFunctionColumns(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat functionNamePattern, Pat columnNamePattern) {
        return catalogResult(connectionHandle, MetaFunctionColumn.class, List::of);
    }

    @Override
    public MetaResultSet getPseudoColumns(ConnectionHandle connectionHandle, String catalog, Pat schemaPattern, Pat tableNamePattern, Pat columnNamePattern) {
        return catalogResult(connectionHandle, MetaPseudoColumn.class, List::of);
    }

    /** Executes a prepared statement: starts its query or applies its update. */
    private ExecuteResult run(StatementHandle handle, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        Session session = session(handle);
        PreparedSql prepared = prepared(session, handle);
        List<Object> parameters = ParameterValues.of(parameterValues);
        MetaResultSet result;
        if (prepared.isQuery()) {
            session.start(handle.id, prepared, parameters, maxRows(handle, maxRowCount), statementTimeoutMillis(handle));
            // the handle a remote client sends carries no signature: describe the statement again
            Signature signature = handle.signature != null ? handle.signature : signature(null, prepared);
            result = MetaResultSet.create(handle.connectionId, handle.id, false, signature, null);
        } else {
            result = MetaResultSet.count(handle.connectionId, handle.id, session.update(prepared, parameters));
        }
        return new ExecuteResult(List.of(result));
    }

    private static PreparedSql prepared(Session session, StatementHandle handle) throws NoSuchStatementException {
        PreparedSql prepared = session.prepared(handle.id);
        if (prepared == null) {
            throw new NoSuchStatementException(handle);
        }
        return prepared;
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
     * fields are the columns in JDBC's order. The rows travel as lists, which both the
     * in-process cursor and Avatica's wire format (which has no records) carry.
     */
    private <T> MetaResultSet catalogResult(ConnectionHandle connectionHandle, Class<T> rowClass, Supplier<List<T>> rows) {
        session(connectionHandle);
        List<Field> fields = new ArrayList<>();
        for (Field field : rowClass.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        List<Object> values = new ArrayList<>();
        try {
            for (T row : rows.get()) {
                List<Object> columns = new ArrayList<>(fields.size());
                for (Field field : fields) {
                    columns.add(field.get(row));
                }
                values.add(columns);
            }
        } catch (RuntimeException e) {
            throw SqlErrors.forMeta(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("public field of " + rowClass.getName() + " is not readable", e);
        }
        Signature signature = new Signature(
                fieldMetaData(rowClass).columns, "", List.of(), Map.of(), CursorFactory.LIST, StatementType.SELECT);
        StatementHandle statement = createStatement(connectionHandle);
        return MetaResultSet.create(connectionHandle.id, statement.id, true, signature, new Frame(0, true, values));
    }
}
