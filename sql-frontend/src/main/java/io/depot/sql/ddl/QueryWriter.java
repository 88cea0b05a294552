package io.depot.sql.ddl;

import io.depot.engine.exec.ResultStream;
import io.depot.sql.PlannedQuery;
import io.depot.storage.table.TableWriter;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Runs a query and appends its rows to a table writer, batch by batch (no row is boxed). */
final class QueryWriter {
    private QueryWriter() {}

    /** Appends every row of the query and returns how many there were; the caller commits. */
    static long append(PlannedQuery query, List<Object> parameters, TableWriter writer) {
        long rows = 0;
        try (ResultStream results = query.executeQuery(parameters)) {
            VectorSchemaRoot batch;
            while ((batch = results.next()) != null) {
                try (VectorSchemaRoot owned = batch) {
                    writer.append(owned);
                    rows += owned.getRowCount();
                }
            }
        }
        return rows;
    }
}
