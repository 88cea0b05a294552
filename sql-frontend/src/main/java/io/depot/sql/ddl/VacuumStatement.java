package io.depot.sql.ddl;

import static java.util.Objects.requireNonNull;

import io.depot.engine.exec.ResultStream;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.ValuesNode;
import io.depot.sql.PreparedSql;
import io.depot.sql.parser.SqlVacuum;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.RetentionPolicy;
import io.depot.storage.table.VacuumResult;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code VACUUM [t] [RETAIN n HOURS]}: deletes the manifests, segments and deletion vectors of
 * old versions of one table or of every table, one row per table saying what it freed. Without
 * RETAIN it keeps what {@link RetentionPolicy#DEFAULT} keeps (the last hour). Versions that a
 * snapshot in this process still reads are always kept; readers in other processes are
 * protected only by the retention period.
 */
final class VacuumStatement implements PreparedSql {
    private static final List<Column> COLUMNS = List.of(
            new Column("table_name", ColumnType.VARCHAR, false),
            new Column("removed_versions", ColumnType.BIGINT, false),
            new Column("deleted_files", ColumnType.BIGINT, false),
            new Column("freed_bytes", ColumnType.BIGINT, false));
    /** A few rows of counts. */
    private static final long MEMORY_LIMIT = 16L << 20;

    private final SqlContext context;
    private final Optional<String> table;
    private final RetentionPolicy policy;

    VacuumStatement(SqlVacuum vacuum, SqlContext context) {
        this.context = requireNonNull(context, "context is null");
        this.table = vacuum.table().map(SqlContext::objectName);
        this.policy = vacuum.retainHours().map(VacuumStatement::retaining).orElse(RetentionPolicy.DEFAULT);
    }

    private static RetentionPolicy retaining(BigDecimal hours) {
        long millis = hours.multiply(BigDecimal.valueOf(Duration.ofHours(1).toMillis())).longValue();
        return new RetentionPolicy(1, Duration.ofMillis(millis));
    }

    @Override
    public boolean isQuery() {
        return true;
    }

    @Override
    public boolean changesDatabase() {
        return true;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<ColumnType> parameterTypes() {
        return List.of();
    }

    @Override
    public ResultStream executeQuery(List<Object> parameters) {
        UpdateStatement.requireNoParameters(parameters);
        List<String> tables = table.isPresent()
                ? List.of(context.requireTable(table.get(), "VACUUM").name())
                : context.database().tableNames();
        List<List<Literal>> rows = new ArrayList<>(tables.size());
        for (String name : tables) {
            VacuumResult result = context.database().vacuum(name, policy);
            rows.add(List.of(
                    new Literal(name, ColumnType.VARCHAR),
                    new Literal((long) result.removedVersions().size(), ColumnType.BIGINT),
                    new Literal((long) result.deletedFiles(), ColumnType.BIGINT),
                    new Literal(result.freedBytes(), ColumnType.BIGINT)));
        }
        return context.executor().execute(new ValuesNode(COLUMNS, rows), MEMORY_LIMIT);
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        throw new DepotException(ErrorCode.USER, "VACUUM returns rows, not an update count; use executeQuery");
    }
}
