package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.sql.PlannedQuery;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.Column;
import io.depot.storage.type.KeyConstraint;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.ddl.SqlColumnDeclaration;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlKeyConstraint;

/**
 * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t (columns and constraints)} and
 * {@code CREATE TABLE t AS SELECT ...}. One commit either way: the query's rows (if any) and the
 * new table appear together, and OR REPLACE swaps the old table for the new one atomically.
 * Returns the rows written (0 without AS SELECT).
 */
final class CreateTableStatement extends UpdateStatement {
    private final SqlContext context;
    private final String name;
    private final boolean replace;
    private final boolean ifNotExists;
    private final TableSchema schema;
    private final List<KeyConstraint> keys;
    private final PlannedQuery query;

    CreateTableStatement(SqlCreateTable create, SqlContext context) {
        this.context = requireNonNull(context, "context is null");
        this.name = SqlContext.objectName(create.name);
        this.replace = create.getReplace();
        this.ifNotExists = create.ifNotExists;
        if (replace && ifNotExists) {
            throw new DepotException(ErrorCode.USER, "CREATE OR REPLACE TABLE and IF NOT EXISTS cannot be combined");
        }
        List<Column> declared = new ArrayList<>();
        List<KeyConstraint> keys = new ArrayList<>();
        if (create.columnList != null) {
            readElements(create.columnList, declared, keys);
        }
        this.keys = List.copyOf(keys);
        if (create.query == null) {
            if (declared.isEmpty()) {
                throw new DepotException(ErrorCode.USER, "CREATE TABLE " + name + " needs columns or AS SELECT");
            }
            this.query = null;
            this.schema = new TableSchema(declared);
        } else {
            this.query = context.plan(create.query);
            this.schema = queryTableSchema(query.columns(), declared);
        }
    }

    private static void readElements(SqlNodeList elements, List<Column> columns, List<KeyConstraint> keys) {
        for (SqlNode element : elements) {
            if (element instanceof SqlColumnDeclaration column) {
                String columnName = column.name.getSimple();
                boolean nullable = column.strategy != ColumnStrategy.NOT_NULLABLE;
                columns.add(new Column(columnName, DdlTypes.columnType(column.dataType, columnName), nullable));
            } else if (element instanceof SqlKeyConstraint key) {
                SqlIdentifier keyName = (SqlIdentifier) key.getOperandList().get(0);
                List<String> keyColumns = new ArrayList<>();
                for (SqlNode keyColumn : (SqlNodeList) key.getOperandList().get(1)) {
                    keyColumns.add(((SqlIdentifier) keyColumn).getSimple());
                }
                keys.add(new KeyConstraint(key.getKind() == SqlKind.PRIMARY_KEY
                        ? KeyConstraint.Kind.PRIMARY_KEY : KeyConstraint.Kind.UNIQUE,
                        keyName == null ? null : keyName.getSimple(), keyColumns));
            } else if (element instanceof SqlIdentifier) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "Column[%s] needs a type (or write CREATE TABLE ... AS SELECT)", element));
            } else {
                throw new DepotException(ErrorCode.USER, "Unsupported table element: " + element);
            }
        }
        // A primary key's columns are NOT NULL, as in PostgreSQL.
        for (KeyConstraint key : keys) {
            if (key.kind() == KeyConstraint.Kind.PRIMARY_KEY) {
                for (String keyColumn : key.columns()) {
                    for (int i = 0; i < columns.size(); i++) {
                        Column column = columns.get(i);
                        if (column.name().equalsIgnoreCase(keyColumn)) {
                            columns.set(i, new Column(column.name(), column.type(), false));
                        }
                    }
                }
            }
        }
        long primaryKeys = keys.stream().filter(key -> key.kind() == KeyConstraint.Kind.PRIMARY_KEY).count();
        if (primaryKeys > 1) {
            throw new DepotException(ErrorCode.USER, "A table can have only one PRIMARY KEY");
        }
    }

    /** CREATE TABLE t AS SELECT: the query's column names, types and nullability. */
    private static TableSchema queryTableSchema(List<Column> queryColumns, List<Column> declared) {
        if (!declared.isEmpty()) {
            throw new DepotException(ErrorCode.USER,
                    "CREATE TABLE ... AS SELECT takes its columns from the query; cast in the SELECT to choose types");
        }
        return new TableSchema(queryColumns);
    }

    @Override
    public List<io.depot.storage.type.ColumnType> parameterTypes() {
        return query == null ? List.of() : query.parameterTypes();
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        Database database = context.database();
        if (database.views().view(name).isPresent()) {
            throw new DepotException(ErrorCode.USER, String.format("A view named[%s] already exists", name));
        }
        if (!replace && database.table(name).isPresent()) {
            if (ifNotExists) {
                return 0;
            }
            throw new DepotException(ErrorCode.USER, String.format("Table[%s] already exists", name));
        }
        try (TableWriter writer = replace ? database.beginReplace(name, schema) : database.beginWrite(name, schema)) {
            if (!replace && !writer.createsTable()) {
                // Created by someone else between the check above and taking the table's lock.
                if (ifNotExists) {
                    return 0;
                }
                throw new DepotException(ErrorCode.USER, String.format("Table[%s] already exists", name));
            }
            writer.setKeyConstraints(keys);
            long rows = query == null ? 0 : QueryWriter.append(query, parameters, writer);
            writer.commit();
            return rows;
        }
    }
}
