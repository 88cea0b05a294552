package io.depot.sql;

import io.depot.engine.exec.ResultStream;
import io.depot.storage.type.Column;
import java.util.List;

/** One planned statement. It may be executed more than once; each run sees the latest data. */
public interface PreparedSql {
    /** Whether the statement returns rows (SELECT, VALUES, EXPLAIN...) or an update count. */
    boolean isQuery();

    /** The result columns of a query; empty for other statements. */
    List<Column> columns();

    /** Runs a query. The caller closes the stream. */
    ResultStream executeQuery();

    /** Runs a statement that is not a query and returns the rows it changed (0 for DDL). */
    long executeUpdate();
}
