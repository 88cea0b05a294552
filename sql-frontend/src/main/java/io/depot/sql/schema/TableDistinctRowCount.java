package io.depot.sql.schema;

import static java.util.Objects.requireNonNull;

import io.depot.storage.statistics.ColumnStatistics;
import io.depot.storage.statistics.TableStatistics;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Distinct counts of a table's columns for the planner, from the HyperLogLog statistics in its
 * manifest. NULL counts as one more value, as in GROUP BY. Several columns together are assumed
 * independent, capped at the row count.
 */
final class TableDistinctRowCount implements BuiltInMetadata.DistinctRowCount.Handler {
    private final TableStatistics statistics;

    TableDistinctRowCount(TableStatistics statistics) {
        this.statistics = requireNonNull(statistics, "statistics is null");
    }

    @Override
    public Double getDistinctRowCount(
            RelNode scan, RelMetadataQuery mq, ImmutableBitSet groupKey, RexNode predicate) {
        double rows = statistics.rowCount();
        if (groupKey.isEmpty()) {
            return rows == 0 ? 0.0 : 1.0;
        }
        double distinct = 1.0;
        for (int column : groupKey) {
            if (column >= statistics.columns().size()) {
                return null;
            }
            ColumnStatistics stats = statistics.column(column);
            distinct *= Math.max(1, stats.distinctCount() + (stats.nullCount() > 0 ? 1 : 0));
        }
        distinct = Math.min(distinct, rows);
        if (predicate != null && !predicate.isAlwaysTrue()) {
            Double selectivity = mq.getSelectivity(scan, predicate);
            if (selectivity != null) {
                // Of `distinct` values spread over `rows` rows, how many survive in rows · selectivity.
                distinct = RelMdUtil.numDistinctVals(distinct, rows * selectivity);
            }
        }
        return distinct;
    }
}
