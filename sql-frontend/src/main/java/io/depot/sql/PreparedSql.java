package io.depot.sql;

import io.depot.engine.exec.ResultStream;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.List;

/** One planned statement. It may be executed more than once; each run sees the latest data. */
public interface PreparedSql {
    /** Whether the statement returns rows (SELECT, VALUES, EXPLAIN...) or an update count. */
    boolean isQuery();

    /**
     * Whether running the statement changes the database (DDL, DML, VACUUM), which read-only
     * sessions refuse. Most such statements return an update count; VACUUM returns rows.
     */
    default boolean changesDatabase() {
        return !isQuery();
    }

    /** The result columns of a query; empty for other statements. */
    List<Column> columns();

    /** The types of the statement's {@code ?} parameters, in order; empty when it has none. */
    List<ColumnType> parameterTypes();

    /**
     * Runs a query with these parameter values (see {@link Parameters#coerce} for the Java
     * values accepted). The caller closes the stream.
     */
    ResultStream executeQuery(List<Object> parameters);

    /** Runs a statement that is not a query and returns the rows it changed (0 for DDL). */
    long executeUpdate(List<Object> parameters);

    /** Runs a query that has no parameters. */
    default ResultStream executeQuery() {
        return executeQuery(List.of());
    }

    /** Runs a statement that has no parameters and is not a query. */
    default long executeUpdate() {
        return executeUpdate(List.of());
    }
}
