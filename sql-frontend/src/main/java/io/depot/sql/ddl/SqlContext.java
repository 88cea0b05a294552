package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.engine.exec.QueryExecutor;
import io.depot.sql.PlannedQuery;
import io.depot.sql.planner.SqlPlanner;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.Table;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/** What statements that change the database need: the storage, and a way to run queries. */
public record SqlContext(Database database, QueryExecutor executor, LongSupplier memoryLimit) {
    public SqlContext {
        requireNonNull(database, "database is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(memoryLimit, "memoryLimit is null");
    }

    /** Plans a query that the statement runs when it executes. */
    PlannedQuery plan(SqlNode query) {
        return plan(new SqlPlanner(database).plan(query));
    }

    PlannedQuery plan(SqlPlanner.Plan plan) {
        return new PlannedQuery(plan, executor, memoryLimit);
    }

    /**
     * The table or view name an identifier denotes: {@code t} or {@code main.t}. Other schemas
     * ({@code sys}, {@code information_schema}) are read-only.
     */
    static String objectName(SqlIdentifier identifier) {
        List<String> names = identifier.names;
        if (names.size() == 2 && names.get(0).equalsIgnoreCase(io.depot.sql.schema.DepotSchema.DEFAULT_SCHEMA)) {
            return names.get(1);
        }
        if (names.size() != 1) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "Name[%s] is not in schema[%s]; only its tables and views can be created or changed",
                    identifier, io.depot.sql.schema.DepotSchema.DEFAULT_SCHEMA));
        }
        return names.get(0);
    }

    /** The committed table with this name, or a USER error that says it is a view or missing. */
    Table requireTable(String name, String statement) {
        return database.table(name).orElseThrow(() -> database.views().view(name).isPresent()
                ? new DepotException(ErrorCode.USER, String.format(
                        "%s needs a table, but[%s] is a view", statement, name))
                : new DepotException(ErrorCode.USER, String.format("Table[%s] does not exist", name)));
    }

    Snapshot snapshot(String name, String statement) {
        return requireTable(name, statement).snapshot();
    }

    /** Refuses (CONFLICT) to write a table whose columns changed since the statement was prepared. */
    static void requireUnchangedSchema(io.depot.storage.table.TableWriter writer,
            io.depot.storage.type.TableSchema schema, String statement) {
        if (!writer.schema().equals(schema)) {
            throw new DepotException(ErrorCode.CONFLICT, String.format(
                    "Table[%s] changed its columns after the %s was prepared; prepare it again",
                    writer.tableName(), statement));
        }
    }
}
