package io.depot.engine.exec;

import static io.depot.engine.testing.QueryTesting.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.Operator;
import io.depot.engine.operator.ScanMorsels;
import io.depot.engine.operator.ScanOperator;
import io.depot.engine.plan.AggregateCall;
import io.depot.engine.plan.AggregateFunction;
import io.depot.engine.plan.AggregateNode;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.JoinType;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ScanNode;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.SortNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs scan pipelines on a pool of three workers over a table of two segments (six blocks of up
 * to 65,536 rows in all) and checks they answer like the serial executor, fail like it, stop
 * when cancelled or closed early and release every buffer.
 */
class TestParallelExecution extends AllocatorTest {
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("city", ColumnType.VARCHAR));
    private static final String[] CITIES = {"부산", "서울", "인천", "대구"};
    private static final int ROWS = 330_000;
    private static final ColumnReference ID = new ColumnReference(0, ColumnType.BIGINT, true);

    private Database database;
    private Snapshot snapshot;
    private WorkerPool pool;

    @BeforeEach
    void writeTable() {
        database = Database.temporary();
        append(0, 200_000);
        append(200_000, ROWS);
        snapshot = database.table("t").orElseThrow().snapshot();
        pool = new WorkerPool(3);
    }

    @AfterEach
    void close() {
        pool.close();
        database.close();
    }

    private void append(int from, int to) {
        try (TableWriter writer = database.beginWrite("t", SCHEMA)) {
            for (int start = from; start < to; start += 50_000) {
                int end = Math.min(to, start + 50_000);
                try (VectorSchemaRoot root = ArrowTypes.createRoot(SCHEMA, database.allocator())) {
                    root.allocateNew();
                    for (int id = start; id < end; id++) {
                        ArrowValues.set(root.getVector(0), ColumnType.BIGINT, id - start, id % 7 == 0 ? null : (long) id);
                        ArrowValues.set(root.getVector(1), ColumnType.VARCHAR, id - start, CITIES[id % CITIES.length]);
                    }
                    root.setRowCount(end - start);
                    writer.append(root);
                }
            }
            writer.commit();
        }
    }

    private QueryExecutor parallel() {
        return new QueryExecutor(allocator, pool, 1);
    }

    private List<List<Object>> run(QueryExecutor executor, PlanNode plan, long memoryLimit) {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultStream stream = executor.execute(plan, memoryLimit)) {
            for (VectorSchemaRoot next = stream.next(); next != null; next = stream.next()) {
                try (VectorSchemaRoot root = next) {
                    rows.addAll(QueryTesting.rows(root, plan.columns()));
                }
            }
        }
        return rows;
    }

    private List<List<Object>> serialAndParallelAgree(PlanNode plan) {
        List<List<Object>> serial = run(new QueryExecutor(allocator), plan, QueryTesting.MEMORY_LIMIT);
        List<List<Object>> parallel = run(parallel(), plan, QueryTesting.MEMORY_LIMIT);
        assertThat(parallel).isEqualTo(serial);
        return parallel;
    }

    private ScanNode scan() {
        return new ScanNode(snapshot, List.of(0, 1), Optional.empty());
    }

    private static Expression compare(Function function, Expression left, long right) {
        return Call.of(function, ColumnType.BOOLEAN, left, new Literal(right, ColumnType.BIGINT));
    }

    @Test
    void sortedParallelScanEqualsSerial() {
        FilterNode filter = new FilterNode(scan(), compare(Function.GREATER_THAN, ID, 1_000));
        List<List<Object>> rows = serialAndParallelAgree(new SortNode(filter, List.of(SortKey.ascending(0))));
        long expected = 0;
        for (long id = 1_001; id < ROWS; id++) {
            expected += id % 7 == 0 ? 0 : 1;
        }
        assertThat(rows).hasSize((int) expected);
        // 1,001 = 7 * 143 is NULL
        assertThat(rows.get(0)).isEqualTo(row(1_002L, CITIES[1_002 % 4]));
    }

    @Test
    void writeAheadLogRowsAreScannedOnceAfterTheSegments() {
        // 1,500 rows in small inserts: they stay in the table's write-ahead log, read after the segments.
        for (int start = ROWS; start < ROWS + 1_500; start += 500) {
            try (TableWriter writer = database.beginInsert("t", null);
                    VectorSchemaRoot root = ArrowTypes.createRoot(SCHEMA, database.allocator())) {
                root.allocateNew();
                for (int id = start; id < start + 500; id++) {
                    ArrowValues.set(root.getVector(0), ColumnType.BIGINT, id - start, id % 7 == 0 ? null : (long) id);
                    ArrowValues.set(root.getVector(1), ColumnType.VARCHAR, id - start, CITIES[id % CITIES.length]);
                }
                root.setRowCount(500);
                writer.append(root);
                writer.commit();
            }
        }
        snapshot = database.table("t").orElseThrow().snapshot();
        assertThat(snapshot.deltaRowCount()).isEqualTo(1_500);
        assertThat(snapshot.rowCount()).isEqualTo(ROWS + 1_500);
        FilterNode filter = new FilterNode(scan(), compare(Function.GREATER_THAN_OR_EQUAL, ID, ROWS - 10));
        List<List<Object>> rows = serialAndParallelAgree(new SortNode(filter, List.of(SortKey.ascending(0))));
        List<List<Object>> expected = new ArrayList<>();
        for (long id = ROWS - 10; id < ROWS + 1_500; id++) {
            if (id % 7 != 0) {
                expected.add(row(id, CITIES[(int) (id % CITIES.length)]));
            }
        }
        assertThat(rows).isEqualTo(expected);
        // A filter on the pushed scan: the log rows have no zone maps, the filter still applies.
        ScanNode pushed = new ScanNode(snapshot, List.of(0, 1),
                Optional.of(compare(Function.GREATER_THAN_OR_EQUAL, ID, ROWS + 1_490)));
        assertThat(serialAndParallelAgree(new SortNode(pushed, List.of(SortKey.ascending(0)))))
                .isEqualTo(expected.subList(expected.size() - 8, expected.size()));
    }

    @Test
    void parallelAggregationEqualsSerial() {
        AggregateNode aggregate = new AggregateNode(scan(), List.of(1), List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows"),
                new AggregateCall(AggregateFunction.SUM, OptionalInt.of(0), false, ColumnType.BIGINT, "total"),
                new AggregateCall(AggregateFunction.MIN, OptionalInt.of(0), false, ColumnType.BIGINT, "least")));
        Comparator<List<Object>> byCity = Comparator.comparing(row -> (String) row.get(0));
        List<List<Object>> serial = run(new QueryExecutor(allocator), aggregate, QueryTesting.MEMORY_LIMIT);
        List<List<Object>> parallel = run(parallel(), aggregate, QueryTesting.MEMORY_LIMIT);
        serial.sort(byCity);
        parallel.sort(byCity);
        assertThat(parallel).isEqualTo(serial).hasSize(4);
        long total = 0;
        for (long id = 0; id < ROWS; id++) {
            total += id % 7 == 0 ? 0 : id;
        }
        assertThat(parallel.stream().mapToLong(row -> (Long) row.get(2)).sum()).isEqualTo(total);
        assertThat(parallel.stream().mapToLong(row -> (Long) row.get(1)).sum()).isEqualTo(ROWS);
    }

    @Test
    void parallelJoinEqualsSerial() {
        // every id below 100,000 (and not a multiple of 7) joins the row of id * 3
        ProjectNode tripled = new ProjectNode(new FilterNode(scan(), compare(Function.LESS_THAN, ID, 100_000)),
                List.of(Call.of(Function.MULTIPLY, ColumnType.BIGINT, ID, new Literal(3L, ColumnType.BIGINT)),
                        new ColumnReference(1, ColumnType.VARCHAR, true)),
                List.of("tripled", "city"));
        for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT, JoinType.FULL)) {
            JoinNode join = new JoinNode(scan(), tripled, type, List.of(0), List.of(0), Optional.empty());
            List<List<Object>> rows = serialAndParallelAgree(new SortNode(join,
                    List.of(SortKey.ascending(0), SortKey.ascending(1), SortKey.ascending(2), SortKey.ascending(3))));
            assertThat(rows.stream().filter(row -> row.get(0) != null && row.get(2) != null).count())
                    .isEqualTo(java.util.stream.LongStream.range(0, 100_000)
                            .filter(id -> id % 7 != 0 && id * 3 < ROWS && id * 3 % 7 != 0).count());
        }
    }

    @Test
    void chainedJoinsProbedByParallelCopiesEqualSerial() {
        // scan → join (build: ids below 100,000 tripled) → join (build: ids of a city) → aggregate:
        // the whole probe path runs in copies on the workers, sharing each join's build, and a
        // build input is itself a parallel pipeline
        ProjectNode tripled = new ProjectNode(new FilterNode(scan(), compare(Function.LESS_THAN, ID, 100_000)),
                List.of(Call.of(Function.MULTIPLY, ColumnType.BIGINT, ID, new Literal(3L, ColumnType.BIGINT)),
                        new ColumnReference(1, ColumnType.VARCHAR, true)),
                List.of("tripled", "city"));
        FilterNode someIds = new FilterNode(scan(), compare(Function.GREATER_THAN, ID, 150_000));
        for (JoinType first : List.of(JoinType.INNER, JoinType.LEFT, JoinType.SEMI, JoinType.ANTI)) {
            for (JoinType second : List.of(JoinType.INNER, JoinType.LEFT, JoinType.SEMI, JoinType.ANTI)) {
                JoinNode inner = new JoinNode(scan(), tripled, first, List.of(0), List.of(0), Optional.empty());
                JoinNode outer = new JoinNode(inner, someIds, second, List.of(0), List.of(0), Optional.empty());
                AggregateNode counts = new AggregateNode(outer, List.of(1), List.of(
                        new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows"),
                        new AggregateCall(AggregateFunction.SUM, OptionalInt.of(0), false, ColumnType.BIGINT, "ids")));
                PlanNode sorted = new SortNode(counts, List.of(SortKey.ascending(0)));
                try (WorkerPool twoWorkers = new WorkerPool(2)) {
                    List<List<Object>> serial = run(new QueryExecutor(allocator), sorted, QueryTesting.MEMORY_LIMIT);
                    List<List<Object>> parallel = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                            java.time.Duration.ofSeconds(60),
                            () -> run(new QueryExecutor(allocator, twoWorkers, 1), sorted, QueryTesting.MEMORY_LIMIT));
                    assertThat(parallel).as("%s then %s", first, second).isEqualTo(serial);
                    assertThat(serial).isNotEmpty();
                }
            }
        }
    }

    @Test
    void aSemiOrAntiJoinBuiltOnTheLeftProbesWithAParallelInput() {
        // as in TPC-H Q4: few build rows on the left, the probe side a filtered scan of the table,
        // which the join drains in one call before it emits the flagged rows; a second query
        // started while the first one's reader pauses still gets the workers
        append(ROWS, 2 * ROWS);
        Snapshot doubled = database.table("t").orElseThrow().snapshot();
        ScanNode scan = new ScanNode(doubled, List.of(0, 1), Optional.empty());
        FilterNode few = new FilterNode(scan, compare(Function.LESS_THAN, ID, 150_000));
        FilterNode probe = new FilterNode(scan, compare(Function.GREATER_THAN, ID, 70_000));
        AggregateNode count = new AggregateNode(scan, List.of(), List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows")));
        for (JoinType type : List.of(JoinType.SEMI, JoinType.ANTI)) {
            JoinNode join = new JoinNode(few, probe, type, List.of(0), List.of(0), Optional.empty(), true);
            List<List<Object>> rows = serialAndParallelAgree(new SortNode(join, List.of(SortKey.ascending(0))));
            // the build side: ids below 150,000 (NULL ids, every seventh, fail the filter)
            long built = java.util.stream.LongStream.range(0, 150_000).filter(id -> id % 7 != 0).count();
            long matching = java.util.stream.LongStream.range(70_001, 150_000).filter(id -> id % 7 != 0).count();
            assertThat(rows).hasSize((int) (type == JoinType.SEMI ? matching : built - matching));
            try (WorkerPool twoWorkers = new WorkerPool(2)) {
                QueryExecutor executor = new QueryExecutor(allocator, twoWorkers, 1);
                try (ResultStream paused = executor.execute(join, QueryTesting.MEMORY_LIMIT)) {
                    try (VectorSchemaRoot first = paused.next()) {
                        assertThat(first.getRowCount()).isPositive();
                    }
                    List<List<Object>> counted = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                            java.time.Duration.ofSeconds(30), () -> run(executor, count, QueryTesting.MEMORY_LIMIT));
                    assertThat(counted).containsExactly(row(2L * ROWS));
                }
            }
        }
    }

    @Test
    void aJoinThatFlagsItsBuildRowsKeepsItsProbeSerial() {
        JoinNode right = new JoinNode(scan(), scan(), JoinType.RIGHT, List.of(0), List.of(0), Optional.empty());
        JoinNode full = new JoinNode(scan(), scan(), JoinType.FULL, List.of(0), List.of(0), Optional.empty());
        JoinNode inner = new JoinNode(scan(), scan(), JoinType.INNER, List.of(0), List.of(0), Optional.empty());
        Parallelism parallelism = new Parallelism(pool, 1);
        assertThat(parallelism.pipelineScan(right)).isEmpty();
        assertThat(parallelism.pipelineScan(full)).isEmpty();
        assertThat(parallelism.pipelineScan(inner)).isPresent();
        assertThat(parallelism.pipelineScan(new AggregateNode(inner, List.of(), List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows")))))
                .isEmpty();
    }

    @Test
    void anErrorInOneWorkerFailsTheQueryWithTheSameException() {
        // 1 / (id - 250,001) divides by zero in one block of the second segment only
        Expression divide = Call.of(Function.DIVIDE, ColumnType.BIGINT, new Literal(1L, ColumnType.BIGINT),
                Call.of(Function.SUBTRACT, ColumnType.BIGINT, ID, new Literal(250_001L, ColumnType.BIGINT)));
        SortNode plan = new SortNode(new FilterNode(scan(), compare(Function.EQUAL, divide, 5)), List.of(SortKey.ascending(0)));
        Throwable serial = catchFailure(new QueryExecutor(allocator), plan);
        Throwable parallel = catchFailure(parallel(), plan);
        assertThat(parallel).isInstanceOf(DepotException.class).hasMessage(serial.getMessage());
        assertThat(((DepotException) parallel).code()).isEqualTo(((DepotException) serial).code());
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    private Throwable catchFailure(QueryExecutor executor, PlanNode plan) {
        try {
            run(executor, plan, QueryTesting.MEMORY_LIMIT);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the query did not fail");
    }

    @Test
    void cancellationStopsTheWorkers() {
        ResultStream stream = parallel().execute(new SortNode(scan(), List.of(SortKey.descending(0))), QueryTesting.MEMORY_LIMIT);
        stream.cancel(new DepotException(ErrorCode.USER, "Query was cancelled"));
        assertThatThrownBy(stream::next).isInstanceOf(DepotException.class).hasMessage("Query was cancelled");
        stream.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void theMemoryLimitHoldsAcrossWorkers() {
        SortNode sort = new SortNode(scan(), List.of(SortKey.descending(0)));
        assertThatThrownBy(() -> run(parallel(), sort, 1024 * 1024))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE))
                .hasMessage("Query exceeded its memory limit of 1048576 bytes");
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void closingAGatherEarlyStopsItsWorkersAndFreesTheirBatches() {
        try (QueryMemory memory = new QueryMemory(allocator, "early", QueryTesting.MEMORY_LIMIT)) {
            ScanMorsels morsels = new ScanMorsels(snapshot);
            List<Operator> pipelines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                pipelines.add(new ScanOperator(scan(), memory.allocator(), morsels));
            }
            GatherOperator gather = new GatherOperator(scan().columns(), pipelines, List.of(), pool, memory);
            try (Batch first = gather.next()) {
                assertThat(first.rowCount()).isPositive();
            }
            gather.close();
            assertThat(memory.allocator().getAllocatedMemory()).isZero();
        }
    }

    @Test
    void everyBlockGoesToExactlyOneWorker() {
        AggregateNode count = new AggregateNode(scan(), List.of(), List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows")));
        for (int i = 0; i < 5; i++) {
            assertThat(run(parallel(), count, QueryTesting.MEMORY_LIMIT)).containsExactly(row((long) ROWS));
        }
    }

    @Test
    void aPausedJoinDoesNotStarveTheNextQueryOfWorkers() {
        // The first query's join streams its rows and its reader pauses after one batch (as with
        // nested JDBC result sets); a second query on the same thread must still get the workers.
        // Twice the table gives more blocks than the workers and their queue can hold.
        append(ROWS, 2 * ROWS);
        Snapshot doubled = database.table("t").orElseThrow().snapshot();
        ScanNode scan = new ScanNode(doubled, List.of(0, 1), Optional.empty());
        JoinNode join = new JoinNode(scan, scan, JoinType.INNER, List.of(0), List.of(0), Optional.empty());
        AggregateNode count = new AggregateNode(scan, List.of(), List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows")));
        try (WorkerPool twoWorkers = new WorkerPool(2)) {
            QueryExecutor executor = new QueryExecutor(allocator, twoWorkers, 1);
            try (ResultStream paused = executor.execute(join, QueryTesting.MEMORY_LIMIT)) {
                try (VectorSchemaRoot first = paused.next()) {
                    assertThat(first.getRowCount()).isPositive();
                }
                List<List<Object>> counted = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(30), () -> run(executor, count, QueryTesting.MEMORY_LIMIT));
                assertThat(counted).containsExactly(row(2L * ROWS));
            }
        }
    }
}
