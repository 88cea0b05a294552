package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.storage.table.TableWriter;
import java.util.List;

/** {@code TRUNCATE TABLE t}: one commit that leaves the table with its schema and no segments. */
final class TruncateStatement extends UpdateStatement {
    private final SqlContext context;
    private final String name;

    TruncateStatement(SqlContext context, String name) {
        this.context = requireNonNull(context, "context is null");
        this.name = requireNonNull(name, "name is null");
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        requireNoParameters(parameters);
        String table = context.requireTable(name, "TRUNCATE").name();
        try (TableWriter writer = context.database().beginWrite(table, null)) {
            writer.removeAllBaseSegments();
            writer.commit();
        }
        return 0;
    }
}
