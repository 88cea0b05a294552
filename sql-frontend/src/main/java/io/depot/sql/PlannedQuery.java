package io.depot.sql;

import static java.util.Objects.requireNonNull;

import io.depot.engine.exec.QueryExecutor;
import io.depot.engine.exec.QueryProfile;
import io.depot.engine.exec.ResultStream;
import io.depot.engine.plan.PlanNode;
import io.depot.sql.convert.CalciteTypes;
import io.depot.sql.convert.CommonSubplans;
import io.depot.sql.convert.RelTranslator;
import io.depot.sql.schema.DepotCalciteTable;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Snapshot;
import io.depot.sql.planner.SqlPlanner;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * A planned SELECT. Each execution pins the then-latest snapshot of every table it reads, so a
 * statement prepared once and run again sees new loads.
 */
public final class PlannedQuery implements PreparedSql {
    private final RelNode rel;
    private final List<ColumnType> parameterTypes;
    private final List<Column> columns;
    private final QueryExecutor executor;
    private final LongSupplier memoryLimit;
    /** The subtrees every execution computes once (see CommonSubplans), found once per statement. */
    private final Map<RelNode, Integer> shared;

    public PlannedQuery(SqlPlanner.Plan plan, QueryExecutor executor, LongSupplier memoryLimit) {
        RelRoot root = plan.root();
        this.parameterTypes = plan.parameterTypes();
        this.rel = root.project();
        this.executor = requireNonNull(executor, "executor is null");
        this.memoryLimit = requireNonNull(memoryLimit, "memoryLimit is null");
        List<Column> columns = new ArrayList<>();
        List<RelDataTypeField> fields = rel.getRowType().getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            RelDataTypeField field = fields.get(i);
            columns.add(new Column(root.fields.get(i).getValue(),
                    CalciteTypes.columnType(field.getType()), field.getType().isNullable()));
        }
        this.columns = List.copyOf(columns);
        this.shared = SqlPlanner.enabled("CommonSubplans") ? CommonSubplans.find(rel) : Map.of();
    }

    @Override
    public boolean isQuery() {
        return true;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public List<ColumnType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public ResultStream executeQuery(List<Object> parameters) {
        return executor.execute(plan(parameters), memoryLimit.getAsLong());
    }

    /** Runs the query to its end for EXPLAIN ANALYZE and returns what each operator did. */
    QueryProfile analyze(List<Object> parameters) {
        return executor.analyze(plan(parameters), memoryLimit.getAsLong());
    }

    /**
     * The engine plan over the latest snapshot of every table the query reads, for statements
     * that run it their own way (DELETE evaluates its condition segment by segment).
     */
    public PlanNode enginePlan(List<Object> parameters) {
        return plan(parameters);
    }

    /**
     * The engine plan over the latest snapshot of every table the query reads, pinned together,
     * with the parameters bound as constants (so scans can prune blocks with them). One thread
     * at a time: the translator asks the plan's metadata query (not thread-safe) for row counts,
     * and a plan from the {@link PlanCache} may be run by several connections at once.
     */
    synchronized PlanNode plan(List<Object> parameters) {
        List<Object> values = Parameters.bind(parameters, parameterTypes);
        Map<String, Snapshot> pinned = new HashMap<>();
        RelTranslator translator = new RelTranslator(rel.getCluster().getRexBuilder(),
                table -> pinned.computeIfAbsent(table.table().name(), name -> currentSnapshot(table)), values,
                shared);
        return translator.translate(rel);
    }

    private static Snapshot currentSnapshot(DepotCalciteTable table) {
        Snapshot snapshot = table.table().snapshot();
        if (!snapshot.schema().equals(table.plannedSnapshot().schema())) {
            throw new DepotException(ErrorCode.CONFLICT, String.format(
                    "Table[%s] changed its columns after the statement was prepared; prepare it again",
                    table.table().name()));
        }
        return snapshot;
    }

    @Override
    public long executeUpdate(List<Object> parameters) {
        throw new DepotException(ErrorCode.USER, "A query returns rows, not an update count; use executeQuery");
    }
}
