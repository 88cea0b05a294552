package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code UPDATE t [[AS] alias] SET column = expression, ... [WHERE condition]} as one commit of
 * a DELETE and an INSERT: the rows the condition selects are deleted ({@link DeleteStatement},
 * through deletion vectors) and {@code INSERT INTO t SELECT <the row with the new values> FROM t
 * WHERE condition} appends them changed ({@link InsertStatement}, which casts to the column types
 * and enforces NOT NULL). Both read the same version, which the write holds locked. Returns the
 * rows updated. Changed rows move to the table's end.
 */
final class UpdateRowsStatement extends UpdateStatement {
    private final SqlContext context;
    private final String tableName;
    private final DeleteStatement delete;
    private final InsertStatement insert;

    UpdateRowsStatement(SqlUpdate update, SqlContext context) {
        this.context = requireNonNull(context, "context is null");
        Snapshot snapshot = context.snapshot(SqlContext.objectName((SqlIdentifier) update.getTargetTable()), "UPDATE");
        this.tableName = snapshot.tableName();
        SqlParserPos pos = update.getParserPosition();
        SqlNode condition = update.getCondition();
        this.insert = new InsertStatement(new SqlInsert(pos, SqlNodeList.EMPTY, update.getTargetTable(),
                changedRows(update, snapshot.schema(), pos), null), context);
        this.delete = new DeleteStatement(new SqlDelete(pos, update.getTargetTable(), condition, null,
                update.getAlias()), context);
        if (!insert.parameterTypes().isEmpty()) {
            throw new DepotException(ErrorCode.USER, "UPDATE does not take ? parameters yet; write the values in");
        }
    }

    /** {@code SELECT <each column, or its new value> FROM t [AS alias] [WHERE condition]}. */
    private SqlSelect changedRows(SqlUpdate update, TableSchema schema, SqlParserPos pos) {
        Map<Integer, SqlNode> assignments = new HashMap<>();
        SqlNodeList targets = update.getTargetColumnList();
        for (int i = 0; i < targets.size(); i++) {
            String name = ((SqlIdentifier) targets.get(i)).names.get(((SqlIdentifier) targets.get(i)).names.size() - 1);
            int column = schema.indexOf(name).orElseThrow(() -> new DepotException(ErrorCode.USER,
                    String.format("Table[%s] has no column[%s]", tableName, name)));
            if (assignments.put(column, update.getSourceExpressionList().get(i)) != null) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Column[%s] is set twice in UPDATE %s", name, tableName));
            }
        }
        SqlNodeList values = new SqlNodeList(pos);
        for (int column = 0; column < schema.size(); column++) {
            Column target = schema.column(column);
            SqlNode value = assignments.get(column);
            values.add(value != null ? value : update.getAlias() == null ? new SqlIdentifier(target.name(), pos)
                    : new SqlIdentifier(List.of(update.getAlias().getSimple(), target.name()), pos));
        }
        SqlNode from = update.getTargetTable();
        if (update.getAlias() != null) {
            from = SqlStdOperatorTable.AS.createCall(pos, from, update.getAlias());
        }
        return new SqlSelect(pos, null, values, from, update.getCondition(), null, null, null, null, null, null,
                null, null);
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        requireNoParameters(parameters);
        try (TableWriter writer = context.database().beginWrite(tableName, null)) {
            long changed = insert.appendTo(writer, List.of());
            long deleted = delete.deleteIn(writer, List.of());
            if (changed != deleted) {
                throw new DepotException(ErrorCode.INTERNAL, String.format(
                        "UPDATE %s selected %d rows to change but %d to delete; nothing was changed",
                        tableName, changed, deleted));
            }
            if (deleted > 0) {
                writer.commit();
            }
            return deleted;
        }
    }
}
