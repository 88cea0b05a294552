package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.sql.parser.SqlCheckpoint;
import java.util.List;
import java.util.Optional;

/**
 * {@code CHECKPOINT [t]}: folds the write-ahead log of one table, or of every table, into
 * segments ({@code Database.checkpoint}); the update count is the rows folded. Readers see the
 * same rows before and after.
 */
final class CheckpointStatement extends UpdateStatement {
    private final SqlContext context;
    private final Optional<String> table;

    CheckpointStatement(SqlCheckpoint checkpoint, SqlContext context) {
        this.context = requireNonNull(context, "context is null");
        this.table = checkpoint.table().map(SqlContext::objectName);
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        requireNoParameters(parameters);
        List<String> tables = table.isPresent()
                ? List.of(context.requireTable(table.get(), "CHECKPOINT").name())
                : context.database().tableNames();
        long folded = 0;
        for (String name : tables) {
            folded += context.database().checkpoint(name);
        }
        return folded;
    }
}
