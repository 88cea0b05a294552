package io.depot.sql.ddl;

import io.depot.sql.PreparedSql;
import io.depot.sql.parser.SqlShowColumns;
import io.depot.sql.parser.SqlShowTables;
import io.depot.sql.parser.SqlVacuum;
import io.depot.sql.planner.SqlPlanner;
import io.depot.sql.schema.DepotSchema;
import io.depot.sql.schema.InformationSchema;
import io.depot.sql.schema.SystemSchema;
import io.depot.storage.table.ViewDefinition;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlCreateView;
import org.apache.calcite.sql.ddl.SqlDropObject;
import org.apache.calcite.sql.ddl.SqlTruncateTable;

/**
 * Prepares the statements that are not plain queries: DDL, DML, SHOW and DESCRIBE. SHOW and
 * DESCRIBE become queries over {@code information_schema}.
 */
public final class Statements {
    private Statements() {}

    /** The prepared statement for a parsed non-query, or empty when the node is a query. */
    public static Optional<PreparedSql> prepare(SqlNode node, String sql, SqlContext context) {
        if (node instanceof SqlCreateTable create) {
            return Optional.of(new CreateTableStatement(create, context));
        }
        if (node instanceof SqlCreateView create) {
            return Optional.of(new CreateViewStatement(create, sql, context));
        }
        if (node instanceof SqlDropObject drop) {
            if (drop.getKind() != SqlKind.DROP_TABLE && drop.getKind() != SqlKind.DROP_VIEW) {
                throw new DepotException(ErrorCode.USER, "Unsupported statement: " + drop.getKind());
            }
            return Optional.of(new DropStatement(context, SqlContext.objectName(drop.name),
                    drop.getKind() == SqlKind.DROP_VIEW, drop.ifExists));
        }
        if (node instanceof SqlTruncateTable truncate) {
            return Optional.of(new TruncateStatement(context, SqlContext.objectName(truncate.name)));
        }
        if (node instanceof SqlInsert insert) {
            if (insert.getModifierNode(org.apache.calcite.sql.SqlInsertKeyword.UPSERT) != null) {
                throw new DepotException(ErrorCode.USER, "UPSERT is not supported; use INSERT");
            }
            return Optional.of(new InsertStatement(insert, context));
        }
        if (node instanceof SqlDelete delete) {
            return Optional.of(new DeleteStatement(delete, context));
        }
        if (node instanceof org.apache.calcite.sql.SqlUpdate update) {
            return Optional.of(new UpdateRowsStatement(update, context));
        }
        if (node.getKind() == SqlKind.MERGE) {
            throw new DepotException(ErrorCode.USER, node.getKind() + " is not supported yet; "
                    + "use DELETE and INSERT, or CREATE OR REPLACE TABLE ... AS SELECT");
        }
        if (node instanceof io.depot.sql.parser.SqlCheckpoint checkpoint) {
            return Optional.of(new CheckpointStatement(checkpoint, context));
        }
        if (node instanceof SqlVacuum vacuum) {
            return Optional.of(new VacuumStatement(vacuum, context));
        }
        if (node instanceof SqlShowTables) {
            return Optional.of(context.plan(SqlPlanner.parse(String.format(
                    "SELECT table_name, table_type FROM %s.tables WHERE table_schema = '%s' ORDER BY table_name",
                    InformationSchema.NAME, DepotSchema.DEFAULT_SCHEMA))));
        }
        if (node instanceof SqlShowColumns show) {
            return Optional.of(describe(show.table(), context));
        }
        if (node instanceof SqlDescribeTable describe) {
            if (describe.getColumn() != null) {
                throw new DepotException(ErrorCode.USER, "DESCRIBE takes a table or view name only");
            }
            return Optional.of(describe(describe.getTable(), context));
        }
        if (node.getKind() == SqlKind.DESCRIBE_SCHEMA || node.getKind() == SqlKind.SET_OPTION
                || node.getKind() == SqlKind.PROCEDURE_CALL || node instanceof org.apache.calcite.sql.SqlDdl) {
            throw new DepotException(ErrorCode.USER, "Unsupported statement: " + node.getKind());
        }
        return Optional.empty();
    }

    /** {@code DESCRIBE t}: one row per column, in order, with its type and nullability. */
    private static PreparedSql describe(SqlIdentifier identifier, SqlContext context) {
        List<String> names = identifier.names;
        String schema = names.size() == 2 ? names.get(0) : DepotSchema.DEFAULT_SCHEMA;
        String table = names.get(names.size() - 1);
        Optional<String> exactName = names.size() > 2 ? Optional.empty() : exactName(schema, table, context);
        if (exactName.isEmpty()) {
            throw new DepotException(ErrorCode.USER, "Table[" + identifier + "] does not exist");
        }
        return context.plan(SqlPlanner.parse(String.format(
                "SELECT column_name, data_type, is_nullable FROM %s.columns "
                        + "WHERE table_schema = '%s' AND table_name = '%s' ORDER BY ordinal_position",
                InformationSchema.NAME, schema.toLowerCase(Locale.ROOT), exactName.get().replace("'", "''"))));
    }

    /** The name of a table or view as created (lookups ignore case). */
    private static Optional<String> exactName(String schema, String table, SqlContext context) {
        if (schema.equalsIgnoreCase(DepotSchema.DEFAULT_SCHEMA)) {
            return context.database().table(table).map(io.depot.storage.table.Table::name)
                    .or(() -> context.database().views().view(table).map(ViewDefinition::name));
        }
        var tables = schema.equalsIgnoreCase(InformationSchema.NAME) ? InformationSchema.tableSchemas()
                : schema.equalsIgnoreCase(SystemSchema.NAME) ? SystemSchema.tableSchemas() : java.util.Map.of();
        return tables.keySet().stream().map(String.class::cast).filter(table::equalsIgnoreCase).findFirst();
    }
}
