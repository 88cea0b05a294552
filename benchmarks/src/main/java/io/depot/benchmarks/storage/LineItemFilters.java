package io.depot.benchmarks.storage;

import io.depot.engine.exec.QueryExecutor;
import io.depot.engine.exec.ResultStream;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ScanNode;
import io.depot.storage.segment.RowPredicate;
import io.depot.storage.segment.SegmentReader;
import io.depot.storage.table.Snapshot;
import io.depot.storage.type.ColumnType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The measured paths over lineitem: an equality filter on {@code l_shipdate} answered from the
 * bitmap indexes or by decoding and comparing, through the engine and at the storage level, and
 * a single-column scan. Each returns a count or sum so the work cannot be optimized away.
 */
final class LineItemFilters {
    static final int SHIPDATE = 10;
    static final int EXTENDEDPRICE = 5;
    private static final long MEMORY_LIMIT = 1L << 30;

    private LineItemFilters() {}

    static Expression shipDateEquals(LocalDate day) {
        return Call.of(Function.EQUAL, ColumnType.BOOLEAN, new ColumnReference(0, ColumnType.DATE, false),
                new Literal(day, ColumnType.DATE));
    }

    /** Rows with that ship date through the engine, the filter pushed into the scan (indexes used). */
    static long engineWithIndex(Snapshot snapshot, LocalDate day, BufferAllocator allocator) {
        return countRows(new ScanNode(snapshot, List.of(SHIPDATE), Optional.of(shipDateEquals(day))), allocator);
    }

    /** The same through a filter above a plain scan: every block decoded and compared. */
    static long engineWithoutIndex(Snapshot snapshot, LocalDate day, BufferAllocator allocator) {
        return countRows(new FilterNode(new ScanNode(snapshot, List.of(SHIPDATE), Optional.empty()),
                shipDateEquals(day)), allocator);
    }

    private static long countRows(PlanNode plan, BufferAllocator allocator) {
        long rows = 0;
        try (ResultStream stream = new QueryExecutor(allocator).execute(plan, MEMORY_LIMIT)) {
            while (true) {
                try (VectorSchemaRoot root = stream.next()) {
                    if (root == null) {
                        return rows;
                    }
                    rows += root.getRowCount();
                }
            }
        }
    }

    /** Storage only: the selected rows of every block from its index. */
    static long storageWithIndex(Snapshot snapshot, LocalDate day) {
        RowPredicate predicate = new RowPredicate.Compare(SHIPDATE, RowPredicate.Comparison.EQUAL, day);
        long rows = 0;
        for (int s = 0; s < snapshot.segmentCount(); s++) {
            try (SegmentReader segment = snapshot.openSegment(s)) {
                for (int block = 0; block < segment.blockCount(); block++) {
                    rows += segment.selectRows(block, predicate).orElseThrow(
                            () -> new IllegalStateException("l_shipdate has no index")).getCardinality();
                }
            }
        }
        return rows;
    }

    /** Storage only: decode the column of every block and compare each value. */
    static long storageWithoutIndex(Snapshot snapshot, LocalDate day, BufferAllocator allocator) {
        int target = Math.toIntExact(day.toEpochDay());
        long rows = 0;
        for (int s = 0; s < snapshot.segmentCount(); s++) {
            try (SegmentReader segment = snapshot.openSegment(s)) {
                for (int block = 0; block < segment.blockCount(); block++) {
                    try (VectorSchemaRoot root = segment.readBlock(block, new int[] {SHIPDATE}, allocator)) {
                        DateDayVector days = (DateDayVector) root.getVector(0);
                        int count = root.getRowCount();
                        for (int i = 0; i < count; i++) {
                            rows += days.get(i) == target ? 1 : 0;
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** Decodes l_extendedprice of every block and sums it (unscaled cents). */
    static long scanExtendedPrice(Snapshot snapshot, BufferAllocator allocator) {
        long sum = 0;
        for (int s = 0; s < snapshot.segmentCount(); s++) {
            try (SegmentReader segment = snapshot.openSegment(s)) {
                for (int block = 0; block < segment.blockCount(); block++) {
                    try (VectorSchemaRoot root = segment.readBlock(block, new int[] {EXTENDEDPRICE}, allocator)) {
                        BigIntVector prices = (BigIntVector) root.getVector(0);
                        int count = root.getRowCount();
                        for (int i = 0; i < count; i++) {
                            sum += prices.get(i);
                        }
                    }
                }
            }
        }
        return sum;
    }
}
