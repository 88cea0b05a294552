package io.depot.sql.planner;

import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdSelectivity;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Estimates how many rows an inner join keeps from the distinct counts of its key columns, as
 * textbook optimizers do: {@code |L ⋈ R| = |L| · |R| / max(ndv(L.keys), ndv(R.keys))}, the keys
 * of all equalities taken together.
 *
 * <p>Calcite's default guesses 0.15 for every equality, which makes a many-to-many join on a
 * 25-value column (TPC-H Q5's {@code c_nationkey = s_nationkey}) look as cheap as a key join, so
 * the join orderer picks plans with intermediate results of tens of millions of rows. The distinct
 * counts come from each table's HyperLogLog statistics (see {@code DepotCalciteTable}).
 *
 * <p>A key of several columns is judged by the smaller of the two sides' distinct counts: a
 * side's count of distinct pairs is the product of its columns' counts capped at its row count
 * (columns taken as independent), which for the referencing side of a foreign key (lineitem's
 * (partkey, suppkey), about 80,000 pairs in 600,000 rows at SF0.1) says every row is distinct and
 * made the join with partsupp look eight times smaller than it is. The referenced side's pairs
 * are unique, so its capped count is right, and a foreign key's values are among them.
 *
 * <p>A filter {@code column = constant} on a table keeps {@code 1 / ndv(column)} of its rows (Calcite
 * guesses 15% for any equality, which makes a one-nation filter look like a fifth of the nations).
 */
public final class JoinSelectivity extends RelMdSelectivity {
    /** Depot's metadata: this estimate first, Calcite's defaults for everything else. */
    public static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
            ReflectiveRelMetadataProvider.reflectiveSource(
                    new JoinSelectivity(), BuiltInMetadata.Selectivity.Handler.class),
            DefaultRelMetadataProvider.INSTANCE));

    /**
     * The name that switches off ({@code depot.planner.disable}) the composite-key and
     * {@code column = constant} estimates, for comparing plans with Calcite's guesses.
     */
    static final String STATISTICS_ESTIMATES = "StatisticsEstimates";

    /**
     * The name that switches off the estimates of comparisons with constants from the columns'
     * smallest and largest values ({@link RangeSelectivity}).
     */
    static final String RANGE_ESTIMATES = "RangeEstimates";

    private JoinSelectivity() {}

    @Override
    public Double getSelectivity(Join join, RelMetadataQuery mq, RexNode predicate) {
        if (join.isSemiJoin() || predicate == null) {
            return super.getSelectivity(join, mq, predicate);
        }
        int leftFields = join.getLeft().getRowType().getFieldCount();
        ImmutableBitSet.Builder leftKeys = ImmutableBitSet.builder();
        ImmutableBitSet.Builder rightKeys = ImmutableBitSet.builder();
        double selectivity = 1.0;
        double guessedEquiSelectivity = 1.0;
        for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
            int[] pair = equiJoinPair(conjunct, leftFields);
            if (pair == null) {
                selectivity *= RelMdUtil.guessSelectivity(conjunct);
            } else {
                guessedEquiSelectivity *= RelMdUtil.guessSelectivity(conjunct);
                leftKeys.set(pair[0]);
                rightKeys.set(pair[1] - leftFields);
            }
        }
        ImmutableBitSet left = leftKeys.build();
        if (left.isEmpty()) {
            return selectivity;
        }
        // All key columns together: a composite key such as (partkey, suppkey) is judged by the
        // distinct count of the pair (capped at the row count), not by the product of its parts'
        // selectivities, which would take a one-to-one join for a nearly empty one.
        Double leftDistinct = mq.getDistinctRowCount(join.getLeft(), left, null);
        Double rightDistinct = mq.getDistinctRowCount(join.getRight(), rightKeys.build(), null);
        if (leftDistinct == null || rightDistinct == null) {
            return selectivity * guessedEquiSelectivity;
        }
        double distinct = left.cardinality() > 1 && SqlPlanner.enabled(STATISTICS_ESTIMATES)
                ? Math.min(leftDistinct, rightDistinct)
                : Math.max(leftDistinct, rightDistinct);
        return selectivity / Math.max(1.0, distinct);
    }

    /**
     * Over a table: {@code column = constant} keeps one of the column's distinct values; bounds of
     * a column by constants keep their share of its range ({@link RangeSelectivity}).
     */
    public Double getSelectivity(TableScan scan, RelMetadataQuery mq, RexNode predicate) {
        if (predicate == null || !SqlPlanner.enabled(STATISTICS_ESTIMATES)) {
            return super.getSelectivity(scan, mq, predicate);
        }
        RangeSelectivity ranges = SqlPlanner.enabled(RANGE_ESTIMATES) ? RangeSelectivity.of(scan) : null;
        double selectivity = 1.0;
        for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
            if (ranges != null && ranges.add(conjunct)) {
                continue;
            }
            Double distinct = null;
            if (conjunct.getKind() == SqlKind.EQUALS && conjunct instanceof RexCall call) {
                RexNode first = call.getOperands().get(0);
                RexNode second = call.getOperands().get(1);
                RexNode column = first instanceof RexInputRef ? first : second;
                RexNode constant = column == first ? second : first;
                if (column instanceof RexInputRef ref && constant instanceof RexLiteral) {
                    distinct = mq.getDistinctRowCount(scan, ImmutableBitSet.of(ref.getIndex()), null);
                }
            }
            selectivity *= distinct != null && distinct >= 1
                    ? 1.0 / distinct
                    : RelMdUtil.guessSelectivity(conjunct);
        }
        return ranges == null ? selectivity : selectivity * ranges.selectivity();
    }

    /** The left and right field of {@code left = right} (either order), or null for any other conjunct. */
    private static int[] equiJoinPair(RexNode conjunct, int leftFields) {
        if ((conjunct.getKind() == SqlKind.EQUALS || conjunct.getKind() == SqlKind.IS_NOT_DISTINCT_FROM)
                && conjunct instanceof RexCall call
                && call.getOperands().get(0) instanceof RexInputRef first
                && call.getOperands().get(1) instanceof RexInputRef second) {
            int a = Math.min(first.getIndex(), second.getIndex());
            int b = Math.max(first.getIndex(), second.getIndex());
            if (a < leftFields && b >= leftFields) {
                return new int[] {a, b};
            }
        }
        return null;
    }
}
