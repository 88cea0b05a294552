package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.List;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DELETE FROM t [[AS] alias] [WHERE condition]}: one commit; returns the rows deleted.
 * Without WHERE every segment is dropped, as TRUNCATE does; with WHERE the deleted rows are
 * recorded in deletion vectors ({@link DeletionVectorDeleter}).
 */
final class DeleteStatement extends UpdateStatement {
    private final SqlContext context;
    private final String tableName;
    private final TableSchema schema;
    private final DeletionVectorDeleter deleter;

    DeleteStatement(SqlDelete delete, SqlContext context) {
        this.context = requireNonNull(context, "context is null");
        Snapshot snapshot = context.snapshot(SqlContext.objectName((SqlIdentifier) delete.getTargetTable()), "DELETE");
        this.tableName = snapshot.tableName();
        this.schema = snapshot.schema();
        SqlNode condition = delete.getCondition();
        this.deleter = condition == null ? null : new DeletionVectorDeleter(context.plan(matches(delete, condition)),
                new CopyOnWriteDeleter(context.plan(survivors(delete, condition))), context.database().allocator());
    }

    /** {@code SELECT * FROM t [AS alias] WHERE condition}: the rows DELETE removes. */
    private static SqlSelect matches(SqlDelete delete, SqlNode condition) {
        return select(delete, condition);
    }

    /** {@code SELECT * FROM t [AS alias] WHERE (condition) IS NOT TRUE}: the rows DELETE keeps. */
    private static SqlSelect survivors(SqlDelete delete, SqlNode condition) {
        return select(delete, SqlStdOperatorTable.IS_NOT_TRUE.createCall(delete.getParserPosition(), condition));
    }

    private static SqlSelect select(SqlDelete delete, SqlNode where) {
        SqlParserPos pos = delete.getParserPosition();
        SqlNode from = delete.getTargetTable();
        if (delete.getAlias() != null) {
            from = SqlStdOperatorTable.AS.createCall(pos, from, delete.getAlias());
        }
        return new SqlSelect(pos, null, SqlNodeList.of(SqlIdentifier.star(pos)), from, where,
                null, null, null, null, null, null, null, null);
    }

    @Override
    public List<ColumnType> parameterTypes() {
        return deleter == null ? List.of() : deleter.parameterTypes();
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        try (TableWriter writer = context.database().beginWrite(tableName, null)) {
            long deleted = deleteIn(writer, parameters);
            if (deleted > 0) {
                writer.commit();
            }
            return deleted;
        }
    }

    /** Deletes the statement's rows within {@code writer} (the caller commits) and returns how many. */
    long deleteIn(TableWriter writer, List<Object> parameters) {
        SqlContext.requireUnchangedSchema(writer, schema, "DELETE");
        if (deleter == null) {
            requireNoParameters(parameters);
            long deleted = writer.baseRowCount();
            writer.removeAllBaseSegments();
            return deleted;
        }
        return deleter.delete(writer, parameters);
    }
}
