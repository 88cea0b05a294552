package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.sql.PlannedQuery;
import io.depot.storage.table.TableWriter;
import java.util.List;

/**
 * DELETE by copy-on-write: the rows for which the condition is not TRUE are written again as new
 * segments and every old segment is left out of the commit, all in one atomic commit. Costs a
 * rewrite of the table, so {@link DeletionVectorDeleter} uses it only for conditions it cannot
 * evaluate on the table's own scan (subqueries).
 */
final class CopyOnWriteDeleter implements RowDeleter {
    private final PlannedQuery survivors;

    /** @param survivors {@code SELECT * FROM t WHERE (condition) IS NOT TRUE} */
    CopyOnWriteDeleter(PlannedQuery survivors) {
        this.survivors = requireNonNull(survivors, "survivors is null");
    }

    @Override
    public long delete(TableWriter writer, List<Object> parameters) {
        long before = writer.baseRowCount();
        writer.removeAllBaseSegments();
        long kept = QueryWriter.append(survivors, parameters, writer);
        return before - kept;
    }

    List<io.depot.storage.type.ColumnType> parameterTypes() {
        return survivors.parameterTypes();
    }
}
