package io.depot.engine.plan;

import static java.util.Objects.requireNonNull;

import io.depot.storage.ingest.FileScan;
import io.depot.storage.type.Column;
import io.depot.storage.type.TableSchema;
import java.util.List;

/**
 * Rows of files read in place ({@code read_csv('orders.csv')} and friends), with the columns the
 * planner found in them.
 */
public record FileScanNode(FileScan scan, TableSchema schema) implements PlanNode {
    public FileScanNode {
        requireNonNull(scan, "scan is null");
        requireNonNull(schema, "schema is null");
    }

    @Override
    public List<Column> columns() {
        return schema.columns();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
