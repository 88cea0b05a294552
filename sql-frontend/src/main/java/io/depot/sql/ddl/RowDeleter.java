package io.depot.sql.ddl;

import io.depot.storage.table.TableWriter;
import java.util.List;

/**
 * How DELETE removes rows inside a table write: {@link DeletionVectorDeleter} marks them in
 * deletion vectors, {@link CopyOnWriteDeleter} rewrites the surviving rows.
 */
interface RowDeleter {
    /**
     * Removes the rows the statement's condition selects, within {@code writer} (which the caller
     * commits), and returns how many were removed.
     */
    long delete(TableWriter writer, List<Object> parameters);
}
