package io.depot.sql;

import static java.util.Objects.requireNonNull;

import io.depot.engine.exec.QueryExecutor;
import io.depot.engine.exec.ResultStream;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.PlanPrinter;
import io.depot.engine.plan.ValuesNode;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.List;

/**
 * {@code EXPLAIN query}: one row per engine plan node, as the query would run now (latest
 * snapshots), showing the columns and filters pushed into each scan. {@code EXPLAIN ANALYZE}
 * runs the query (discarding its rows) and adds what each operator did: rows, batches, bytes,
 * time, and for scans the segments and blocks read and skipped.
 */
final class ExplainedQuery implements PreparedSql {
    private static final List<Column> COLUMNS = List.of(new Column("plan", ColumnType.VARCHAR, false));
    /** Explaining a plan is cheap; this bounds the few kilobytes of text it produces. */
    private static final long MEMORY_LIMIT = 64L << 20;

    private final PlannedQuery query;
    private final QueryExecutor executor;
    private final boolean analyze;

    ExplainedQuery(PlannedQuery query, QueryExecutor executor, boolean analyze) {
        this.query = requireNonNull(query, "query is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.analyze = analyze;
    }

    @Override
    public boolean isQuery() {
        return true;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<ColumnType> parameterTypes() {
        return query.parameterTypes();
    }

    @Override
    public ResultStream executeQuery(List<Object> parameters) {
        List<String> lines = analyze ? query.analyze(parameters).lines() : PlanPrinter.lines(query.plan(parameters));
        List<List<Literal>> rows = lines.stream()
                .map(line -> List.of(new Literal(line, ColumnType.VARCHAR)))
                .toList();
        return executor.execute(new ValuesNode(COLUMNS, rows), MEMORY_LIMIT);
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        throw new DepotException(ErrorCode.USER, "EXPLAIN returns rows, not an update count; use executeQuery");
    }
}
