package io.depot.sql.schema;

import static java.util.Objects.requireNonNull;

import io.depot.sql.convert.CalciteTypes;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.Table;
import java.util.List;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A Depot table as Calcite sees it while planning: a row type, a row count and column distinct
 * counts. Execution does not go through Calcite; the translator reads the table's snapshot
 * itself. The planned snapshot (manifest and decoded statistics) is read on first use, once: a
 * statement that names one table of many reads only that one's.
 */
public final class DepotCalciteTable extends AbstractTable {
    private final Table table;
    private Snapshot plannedSnapshot;
    private TableDistinctRowCount distinctRowCounts;

    DepotCalciteTable(Table table) {
        this.table = requireNonNull(table, "table is null");
    }

    public Table table() {
        return table;
    }

    /** The snapshot whose schema the statement was planned against. */
    public Snapshot plannedSnapshot() {
        if (plannedSnapshot == null) {
            plannedSnapshot = table.snapshot();
        }
        return plannedSnapshot;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return CalciteTypes.rowType(typeFactory, plannedSnapshot().schema());
    }

    @Override
    public <C> C unwrap(Class<C> kind) {
        // Calcite asks the table itself for column distinct counts (join size estimates).
        if (kind == BuiltInMetadata.DistinctRowCount.Handler.class) {
            if (distinctRowCounts == null) {
                distinctRowCounts = new TableDistinctRowCount(plannedSnapshot().statistics());
            }
            return kind.cast(distinctRowCounts);
        }
        return super.unwrap(kind);
    }

    @Override
    public Statistic getStatistic() {
        return Statistics.of(plannedSnapshot().rowCount(), List.of());
    }
}
