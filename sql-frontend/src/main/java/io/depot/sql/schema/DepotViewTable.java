package io.depot.sql.schema;

import static java.util.Objects.requireNonNull;

import io.depot.sql.planner.SqlPlanner;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.table.ViewDefinition;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A stored view as Calcite sees it: its row type comes from validating its SELECT, and a query
 * that reads it gets the SELECT's plan in place of a scan (so filters push through it into the
 * tables underneath).
 */
public final class DepotViewTable extends AbstractTable implements TranslatableTable {
    /** Views that read views nest; deeper than this is a view that reads itself. */
    private static final int MAX_NESTING = 32;
    private static final ThreadLocal<int[]> NESTING = ThreadLocal.withInitial(() -> new int[1]);

    private final ViewDefinition view;
    private final Database database;

    DepotViewTable(ViewDefinition view, Database database) {
        this.view = requireNonNull(view, "view is null");
        this.database = requireNonNull(database, "database is null");
    }

    public ViewDefinition view() {
        return view;
    }

    /** The SELECT the view stands for, with its declared column names applied. */
    public String expandedSql() {
        if (view.columnNames().isEmpty()) {
            return view.sql();
        }
        return "SELECT * FROM (" + view.sql() + "\n) AS " + quote(view.name()) + " ("
                + view.columnNames().stream().map(DepotViewTable::quote).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return nested(() -> new SqlPlanner(database).rowType(SqlPlanner.parse(expandedSql()), typeFactory));
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        RelDataType rowType = relOptTable.getRowType();
        RelRoot root = nested(() -> context.expandView(rowType, expandedSql(),
                List.of(DepotSchema.DEFAULT_SCHEMA), List.of(DepotSchema.DEFAULT_SCHEMA, view.name())));
        return RelOptUtil.createCastRel(root.project(), rowType, true);
    }

    @Override
    public Schema.TableType getJdbcTableType() {
        return Schema.TableType.VIEW;
    }

    private <T> T nested(java.util.function.Supplier<T> action) {
        int[] depth = NESTING.get();
        if (depth[0] >= MAX_NESTING) {
            throw new DepotException(ErrorCode.USER, String.format(
                    "View[%s] nests views more than %d deep; does it read itself?", view.name(), MAX_NESTING));
        }
        depth[0]++;
        try {
            return action.get();
        } catch (DepotException e) {
            if (e.getMessage().startsWith("View[")) {
                throw e;
            }
            throw new DepotException(ErrorCode.USER, String.format(
                    "View[%s] no longer works: %s", view.name(), e.getMessage()), e);
        } finally {
            depth[0]--;
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
