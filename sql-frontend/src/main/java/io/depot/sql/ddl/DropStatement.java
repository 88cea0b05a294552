package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import java.util.List;

/** {@code DROP TABLE [IF EXISTS] t} and {@code DROP VIEW [IF EXISTS] v}. */
final class DropStatement extends UpdateStatement {
    private final SqlContext context;
    private final String name;
    private final boolean view;
    private final boolean ifExists;

    DropStatement(SqlContext context, String name, boolean view, boolean ifExists) {
        this.context = requireNonNull(context, "context is null");
        this.name = requireNonNull(name, "name is null");
        this.view = view;
        this.ifExists = ifExists;
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        requireNoParameters(parameters);
        Database database = context.database();
        if (view) {
            if (!database.views().drop(name) && !ifExists) {
                throw new DepotException(ErrorCode.USER, database.table(name).isPresent()
                        ? String.format("[%s] is a table; use DROP TABLE", name)
                        : String.format("View[%s] does not exist", name));
            }
            return 0;
        }
        if (database.table(name).isEmpty()) {
            if (database.views().view(name).isPresent()) {
                throw new DepotException(ErrorCode.USER, String.format("[%s] is a view; use DROP VIEW", name));
            }
            if (ifExists) {
                return 0;
            }
        }
        try {
            database.dropTable(name);
        } catch (DepotException e) {
            // Dropped by someone else after the check above.
            if (!(ifExists && database.table(name).isEmpty())) {
                throw e;
            }
        }
        return 0;
    }
}
