package io.depot.sql.ddl;

import io.depot.storage.table.TableWriter;
import java.util.List;

/**
 * How DELETE removes rows inside a table write. Today {@link CopyOnWriteDeleter} rewrites the
 * table's surviving rows; deletion vectors (a RoaringBitmap of deleted rows per segment) can
 * replace it without changing {@link DeleteStatement}.
 */
interface RowDeleter {
    /**
     * Removes the rows the statement's condition selects, within {@code writer} (which the caller
     * commits), and returns how many were removed.
     */
    long delete(TableWriter writer, List<Object> parameters);
}
