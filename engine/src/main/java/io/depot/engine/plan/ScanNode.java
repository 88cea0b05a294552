package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.engine.expression.Expression;
import io.depot.storage.table.Snapshot;
import io.depot.storage.type.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a pinned table snapshot.
 *
 * @param projection table column indexes to produce, in output order
 * @param filter optional predicate over the <em>output</em> columns; rows where it is not TRUE
 *     are dropped (the scan may use it to skip blocks)
 */
public record ScanNode(Snapshot snapshot, List<Integer> projection, Optional<Expression> filter)
        implements PlanNode {
    public ScanNode {
        requireNonNull(snapshot, "snapshot is null");
        projection = List.copyOf(requireNonNull(projection, "projection is null"));
        requireNonNull(filter, "filter is null");
    }

    @Override
    public List<Column> columns() {
        List<Column> columns = new ArrayList<>(projection.size());
        for (int index : projection) {
            columns.add(snapshot.schema().column(index));
        }
        return columns;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
