package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.sql.PlannedQuery;
import io.depot.sql.convert.CalciteTypes;
import io.depot.sql.planner.SqlPlanner;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import io.depot.storage.type.TypeKind;
import java.util.ArrayList;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * {@code INSERT INTO t [(columns)] VALUES (...), ...} and {@code INSERT INTO t [(columns)] query}.
 * The source is planned as a query, cast to the table's column types, and its batches appended in
 * one commit; columns not listed are NULL. A value that does not convert, or a NULL in a NOT NULL
 * column, fails the statement and leaves the table unchanged.
 */
final class InsertStatement extends UpdateStatement {
    private final SqlContext context;
    private final String tableName;
    private final TableSchema schema;
    /** The planned source; null when {@link #literalRows} holds the rows. */
    private final PlannedQuery query;
    private final LiteralRows literalRows;

    InsertStatement(org.apache.calcite.sql.SqlInsert insert, SqlContext context) {
        this.context = requireNonNull(context, "context is null");
        Snapshot snapshot = context.snapshot(SqlContext.objectName((SqlIdentifier) insert.getTargetTable()), "INSERT");
        this.tableName = snapshot.tableName();
        this.schema = snapshot.schema();
        int[] targets = targetColumns(insert.getTargetColumnList());
        this.literalRows = LiteralRows.of(insert.getSource(), targets, schema).orElse(null);
        if (literalRows != null) {
            this.query = null;
            return;
        }
        SqlNode source = typeUntypedValues(insert.getSource(), targets);
        SqlPlanner.Plan plan = new SqlPlanner(context.database()).plan(source);
        this.query = context.plan(new SqlPlanner.Plan(castToTable(plan.root(), targets), plan.parameterTypes()));
    }

    /** For each source column, the table column it fills. */
    private int[] targetColumns(SqlNodeList columnList) {
        if (columnList == null) {
            int[] all = new int[schema.size()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] targets = new int[columnList.size()];
        boolean[] seen = new boolean[schema.size()];
        for (int i = 0; i < targets.length; i++) {
            String name = ((SqlIdentifier) columnList.get(i)).getSimple();
            int index = schema.indexOf(name).orElseThrow(() -> new DepotException(ErrorCode.USER,
                    String.format("Table[%s] has no column[%s]", tableName, name)));
            if (seen[index]) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Column[%s] is listed twice in INSERT INTO %s", name, tableName));
            }
            seen[index] = true;
            targets[i] = index;
        }
        for (int i = 0; i < schema.size(); i++) {
            Column column = schema.column(i);
            if (!seen[i] && !column.nullable()) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Column[%s] of table[%s] is NOT NULL and has no default, so INSERT must give it a value",
                        column.name(), tableName));
            }
        }
        return targets;
    }

    /**
     * In {@code VALUES}, gives {@code ?} parameters and bare NULLs the type of the column they
     * fill (Calcite cannot type them on their own), by wrapping them in a CAST; in a VALUES of
     * several rows, every value.
     */
    private SqlNode typeUntypedValues(SqlNode source, int[] targets) {
        if (source.getKind() != SqlKind.VALUES) {
            return source;
        }
        for (SqlNode row : ((SqlCall) source).getOperandList()) {
            SqlCall rowCall = (SqlCall) row;
            if (rowCall.operandCount() != targets.length) {
                throw columnCountMismatch(targets.length, rowCall.operandCount());
            }
            for (int i = 0; i < rowCall.operandCount(); i++) {
                SqlNode value = rowCall.operand(i);
                // Rows of a multi-row VALUES must agree on types (DATE '2024-01-01' and
                // '2024-01-02' do not), so each value is cast to its column first.
                boolean multiRow = ((SqlCall) source).operandCount() > 1;
                if (multiRow || value instanceof SqlDynamicParam || SqlUtil.isNullLiteral(value, false)) {
                    ColumnType type = schema.column(targets[i]).type();
                    RelDataType relType = CalciteTypes.relDataType(SqlPlanner.newTypeFactory(), type, true);
                    SqlDataTypeSpec spec = SqlTypeUtil.convertTypeToSpec(relType);
                    rowCall.setOperand(i, new SqlBasicCall(SqlStdOperatorTable.CAST,
                            List.of(value, spec), value.getParserPosition()));
                }
            }
        }
        return source;
    }

    /** A projection onto the table's columns in order: casts where types differ, NULL where absent. */
    private RelRoot castToTable(RelRoot root, int[] targets) {
        RelNode input = root.project();
        List<org.apache.calcite.rel.type.RelDataTypeField> fields = input.getRowType().getFieldList();
        if (fields.size() != targets.length) {
            throw columnCountMismatch(targets.length, fields.size());
        }
        RexBuilder rexBuilder = input.getCluster().getRexBuilder();
        RelDataTypeFactory typeFactory = rexBuilder.getTypeFactory();
        RexNode[] values = new RexNode[schema.size()];
        for (int i = 0; i < targets.length; i++) {
            Column column = schema.column(targets[i]);
            RelDataType sourceType = fields.get(i).getType();
            requireAssignable(column, sourceType);
            RelDataType targetType = CalciteTypes.relDataType(typeFactory, column.type(), sourceType.isNullable());
            RexNode value = rexBuilder.makeInputRef(input, i);
            values[targets[i]] = SqlTypeUtil.equalSansNullability(typeFactory, sourceType, targetType)
                    ? value
                    : rexBuilder.makeCast(targetType, value, true, false);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            Column column = schema.column(i);
            if (values[i] == null) {
                values[i] = rexBuilder.makeNullLiteral(CalciteTypes.relDataType(typeFactory, column.type(), true));
            }
            names.add(column.name());
        }
        RelNode project = LogicalProject.create(input, List.of(), Arrays.asList(values), names, java.util.Set.of());
        return RelRoot.of(project, SqlKind.SELECT);
    }

    /**
     * Numbers go into numbers, anything into text, text into anything (parsed when the statement
     * runs), dates and timestamps into each other; the rest is a type mismatch.
     */
    private void requireAssignable(Column column, RelDataType sourceType) {
        if (sourceType.getSqlTypeName() == SqlTypeName.NULL) {
            return;
        }
        TypeKind target = column.type().kind();
        TypeKind source = CalciteTypes.columnType(sourceType).kind();
        boolean temporal = (source == TypeKind.DATE || source == TypeKind.TIMESTAMP)
                && (target == TypeKind.DATE || target == TypeKind.TIMESTAMP);
        if (source == target || temporal || (source.isNumeric() && target.isNumeric())
                || source == TypeKind.VARCHAR || target == TypeKind.VARCHAR) {
            return;
        }
        throw new DepotException(ErrorCode.USER, String.format(
                "Column[%s] of table[%s] is %s; cannot insert a value of type %s",
                column.name(), tableName, column.type(), sourceType.getSqlTypeName()));
    }

    private DepotException columnCountMismatch(int expected, int actual) {
        return new DepotException(ErrorCode.USER, String.format(
                "INSERT INTO %s expects %d values per row, but the source gives %d", tableName, expected, actual));
    }

    @Override
    public List<ColumnType> parameterTypes() {
        return literalRows != null ? literalRows.parameterTypes() : query.parameterTypes();
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        if (literalRows != null && !hasLongTail()) {
            try (BufferAllocator allocator = context.database().allocator()
                            .newChildAllocator("insert " + tableName, 0, Long.MAX_VALUE);
                    VectorSchemaRoot rows = literalRows.toBatch(parameters, allocator)) {
                // Concurrent small inserts share one log record and fsync instead of failing or taking turns.
                if (context.database().insertLogged(tableName, schema, rows)) {
                    return rows.getRowCount();
                }
            }
        }
        // Small inserts commit through the table's write-ahead log: one synced record each.
        try (TableWriter writer = context.database().beginInsert(tableName, null)) {
            SqlContext.requireUnchangedSchema(writer, schema, "INSERT");
            try (BufferAllocator allocator = context.database().allocator()
                    .newChildAllocator("fold " + tableName, 0, Long.MAX_VALUE)) {
                TailFolder.foldIfLong(writer, allocator);
            }
            long rows = appendTo(writer, parameters);
            writer.commit();
            return rows;
        }
    }

    /** Whether the table's small segments are due for the fold only a writer does ({@link TailFolder}). */
    private boolean hasLongTail() {
        return context.database().table(tableName).map(table -> TailFolder.isLong(table.snapshot())).orElse(false);
    }

    /** Appends the statement's rows to {@code writer} (the caller commits) and returns how many. */
    long appendTo(TableWriter writer, List<Object> parameters) {
        if (literalRows == null) {
            return QueryWriter.append(query, parameters, writer);
        }
        try (BufferAllocator allocator = context.database().allocator()
                        .newChildAllocator("insert " + tableName, 0, Long.MAX_VALUE);
                VectorSchemaRoot rows = literalRows.toBatch(parameters, allocator)) {
            writer.append(rows);
            return rows.getRowCount();
        }
    }
}
