package io.depot.engine.exec;

import static io.depot.engine.testing.QueryTesting.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.operator.HashAggregateOperator;
import io.depot.engine.operator.Operator;
import io.depot.engine.plan.AggregateCall;
import io.depot.engine.plan.AggregateFunction;
import io.depot.engine.plan.AggregateNode;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.JoinType;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.ScanNode;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hash aggregation with one partial aggregation per worker, merged at the end, against the serial
 * operator: every accumulator over every column type with NULLs, global and grouped, few and
 * many groups (the partitioned merge), empty input, DISTINCT, joins below, failures, the memory
 * limit and cancellation, on a pool of two workers.
 */
class TestParallelAggregation extends AllocatorTest {
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("small", ColumnType.INTEGER),
            Column.nullable("price", ColumnType.decimal(15, 2)),
            Column.nullable("wide", ColumnType.decimal(38, 4)),
            Column.nullable("ratio", ColumnType.DOUBLE),
            Column.nullable("city", ColumnType.VARCHAR),
            Column.nullable("flag", ColumnType.BOOLEAN),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("bucket", ColumnType.BIGINT));
    private static final String[] CITIES = {"부산", "서울", "", "인천", "Daegu"};
    private static final int ROWS = 260_000;
    private static final int ID = 0;
    private static final int SMALL = 1;
    private static final int PRICE = 2;
    private static final int WIDE = 3;
    private static final int RATIO = 4;
    private static final int CITY = 5;
    private static final int FLAG = 6;
    private static final int DAY = 7;
    private static final int BUCKET = 8;

    // written once: the tests only read it
    private static Database database;
    private static Snapshot snapshot;
    private static WorkerPool pool;

    @BeforeAll
    static void writeTable() {
        database = Database.temporary();
        append(0, 150_000);
        append(150_000, ROWS);
        snapshot = database.table("t").orElseThrow().snapshot();
        pool = new WorkerPool(2);
        // on by default only for pipelines without joins (see Parallelism.partialAggregation);
        // these tests are about that path everywhere
        System.setProperty(Parallelism.PARTIAL_AGGREGATION_PROPERTY, "true");
    }

    @AfterAll
    static void close() {
        System.clearProperty(Parallelism.PARTIAL_AGGREGATION_PROPERTY);
        pool.close();
        database.close();
    }

    private static void append(int from, int to) {
        try (TableWriter writer = database.beginWrite("t", SCHEMA)) {
            for (int start = from; start < to; start += 50_000) {
                int end = Math.min(to, start + 50_000);
                try (VectorSchemaRoot root = ArrowTypes.createRoot(SCHEMA, database.allocator())) {
                    root.allocateNew();
                    for (int id = start; id < end; id++) {
                        List<Object> values = values(id);
                        for (int column = 0; column < values.size(); column++) {
                            ArrowValues.set(root.getVector(column), SCHEMA.columns().get(column).type(), id - start,
                                    values.get(column));
                        }
                    }
                    root.setRowCount(end - start);
                    writer.append(root);
                }
            }
            writer.commit();
        }
    }

    /** Row {@code id}: each column NULL on its own period; doubles are multiples of 1/4 so their sums are exact in any order. */
    private static List<Object> values(int id) {
        return java.util.Arrays.asList(
                id % 7 == 0 ? null : (long) id,
                id % 11 == 0 ? null : id % 5,
                id % 13 == 0 ? null : BigDecimal.valueOf(id % 100_000, 2),
                id % 17 == 0 ? null : new BigDecimal("12345678901234567890.1234").multiply(BigDecimal.valueOf(id % 3 - 1)),
                id % 19 == 0 ? null : (id % 1_000) * 0.25 - 100,
                id % 23 == 0 ? null : CITIES[id % CITIES.length],
                id % 29 == 0 ? null : id % 3 == 0,
                id % 31 == 0 ? null : LocalDate.of(1995, 1, 1).plusDays(id % 2_000),
                // about 86,000 groups: the merge runs in partitions
                id % 37 == 0 ? null : (long) (id / 3));
    }

    private ScanNode scan() {
        return new ScanNode(snapshot, IntStream.range(0, SCHEMA.columns().size()).boxed().toList(), Optional.empty());
    }

    private static AggregateCall call(AggregateFunction function, int argument, ColumnType type) {
        return new AggregateCall(function, OptionalInt.of(argument), false, type, function + "_" + argument);
    }

    private static AggregateCall distinct(AggregateFunction function, int argument, ColumnType type) {
        return new AggregateCall(function, OptionalInt.of(argument), true, type, function + "_distinct_" + argument);
    }

    /** Every accumulator over every type it takes. */
    private static List<AggregateCall> everyCall() {
        return List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows"),
                call(AggregateFunction.COUNT, CITY, ColumnType.BIGINT),
                call(AggregateFunction.SUM, ID, ColumnType.BIGINT),
                call(AggregateFunction.SUM, SMALL, ColumnType.BIGINT),
                call(AggregateFunction.SUM, PRICE, ColumnType.decimal(18, 2)),
                call(AggregateFunction.SUM, WIDE, ColumnType.decimal(38, 4)),
                call(AggregateFunction.SUM, RATIO, ColumnType.DOUBLE),
                call(AggregateFunction.AVG, SMALL, ColumnType.DOUBLE),
                call(AggregateFunction.AVG, PRICE, ColumnType.decimal(18, 6)),
                call(AggregateFunction.AVG, WIDE, ColumnType.decimal(38, 6)),
                call(AggregateFunction.AVG, RATIO, ColumnType.DOUBLE),
                call(AggregateFunction.MIN, ID, ColumnType.BIGINT),
                call(AggregateFunction.MAX, PRICE, ColumnType.decimal(15, 2)),
                call(AggregateFunction.MIN, WIDE, ColumnType.decimal(38, 4)),
                call(AggregateFunction.MAX, RATIO, ColumnType.DOUBLE),
                call(AggregateFunction.MIN, CITY, ColumnType.VARCHAR),
                call(AggregateFunction.MAX, CITY, ColumnType.VARCHAR),
                call(AggregateFunction.MIN, FLAG, ColumnType.BOOLEAN),
                call(AggregateFunction.MAX, DAY, ColumnType.DATE),
                call(AggregateFunction.VAR_SAMP, RATIO, ColumnType.DOUBLE),
                call(AggregateFunction.STDDEV_POP, PRICE, ColumnType.decimal(18, 4)),
                distinct(AggregateFunction.COUNT, CITY, ColumnType.BIGINT),
                distinct(AggregateFunction.SUM, SMALL, ColumnType.BIGINT),
                distinct(AggregateFunction.COUNT, RATIO, ColumnType.BIGINT),
                distinct(AggregateFunction.AVG, PRICE, ColumnType.decimal(18, 6)));
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

    private QueryExecutor parallel() {
        return new QueryExecutor(allocator, pool, 1);
    }

    /** The parallel rows, after checking they are the serial ones (in any order; doubles to 1e-9 relative). */
    private List<List<Object>> serialAndParallelAgree(PlanNode plan) {
        assertThat(new Parallelism(pool, 1).pipelineScan(plan.inputs().get(0))).as("runs in parallel").isPresent();
        List<List<Object>> serial = sorted(run(new QueryExecutor(allocator), plan, QueryTesting.MEMORY_LIMIT));
        List<List<Object>> parallel = sorted(run(parallel(), plan, QueryTesting.MEMORY_LIMIT));
        assertThat(parallel).hasSameSizeAs(serial);
        for (int i = 0; i < serial.size(); i++) {
            List<Object> expected = serial.get(i);
            List<Object> actual = parallel.get(i);
            for (int column = 0; column < expected.size(); column++) {
                Object want = expected.get(column);
                Object got = actual.get(column);
                if (want instanceof Double wantDouble && got instanceof Double gotDouble) {
                    assertThat(gotDouble).as("row %s column %d", expected, column)
                            .isCloseTo(wantDouble, org.assertj.core.data.Offset.offset(Math.abs(wantDouble) * 1e-9 + 1e-9));
                } else if (want instanceof BigDecimal wantDecimal && got instanceof BigDecimal gotDecimal
                        && plan.columns().get(column).name().startsWith("STDDEV")) {
                    // a standard deviation is computed in doubles: the last digit may round either way
                    assertThat(gotDecimal.subtract(wantDecimal).abs()).as("row %s column %d", expected, column)
                            .isLessThanOrEqualTo(BigDecimal.ONE.movePointLeft(wantDecimal.scale()));
                } else {
                    assertThat(got).as("row %s column %d", expected, column).isEqualTo(want);
                }
            }
        }
        assertThat(allocator.getAllocatedMemory()).isZero();
        return parallel;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort((left, right) -> {
            for (int i = 0; i < left.size(); i++) {
                Object a = left.get(i);
                Object b = right.get(i);
                if (a == null || b == null) {
                    if (a != b) {
                        return a == null ? -1 : 1;
                    }
                    continue;
                }
                int comparison = ((Comparable) a).compareTo(b);
                if (comparison != 0) {
                    return comparison;
                }
            }
            return 0;
        });
        return copy;
    }

    private static Expression compare(Function function, int column, long right) {
        return Call.of(function, ColumnType.BOOLEAN, new ColumnReference(column, ColumnType.BIGINT, true),
                new Literal(right, ColumnType.BIGINT));
    }

    @Test
    void globalAggregateOfEveryCallEqualsSerial() {
        List<List<Object>> rows = serialAndParallelAgree(new AggregateNode(scan(), List.of(), everyCall()));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0)).isEqualTo((long) ROWS);
    }

    @Test
    void fewGroupsOfEveryCallEqualSerial() {
        assertThat(serialAndParallelAgree(new AggregateNode(scan(), List.of(CITY), everyCall())))
                .hasSize(CITIES.length + 1);
        // NULL keys form their own group; BOOLEAN, INTEGER, DATE and DOUBLE keys
        serialAndParallelAgree(new AggregateNode(scan(), List.of(SMALL, FLAG), everyCall()));
        serialAndParallelAgree(new AggregateNode(scan(), List.of(DAY), everyCall()));
        serialAndParallelAgree(new AggregateNode(scan(), List.of(RATIO, CITY), everyCall()));
        serialAndParallelAgree(new AggregateNode(scan(), List.of(PRICE, WIDE), everyCall()));
    }

    @Test
    void manyGroupsAreMergedInPartitionsAndEqualSerial() {
        List<List<Object>> rows = serialAndParallelAgree(new AggregateNode(scan(), List.of(BUCKET), everyCall()));
        assertThat(rows.size()).isGreaterThan(2 * ParallelAggregateOperator.PARTITIONED_MERGE_MIN_GROUPS);
        // VARCHAR keys of many groups, and a group per row
        ProjectNode named = new ProjectNode(scan(), List.of(
                Call.of(Function.CAST, ColumnType.VARCHAR, new ColumnReference(BUCKET, ColumnType.BIGINT, true)),
                new ColumnReference(CITY, ColumnType.VARCHAR, true),
                new ColumnReference(PRICE, ColumnType.decimal(15, 2), true)),
                List.of("name", "city", "price"));
        serialAndParallelAgree(new AggregateNode(named, List.of(0, 1), List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows"),
                call(AggregateFunction.SUM, 2, ColumnType.decimal(18, 2)),
                distinct(AggregateFunction.COUNT, 2, ColumnType.BIGINT))));
        assertThat(serialAndParallelAgree(new AggregateNode(scan(), List.of(ID), List.of(
                call(AggregateFunction.MAX, CITY, ColumnType.VARCHAR),
                call(AggregateFunction.VAR_POP, RATIO, ColumnType.DOUBLE)))))
                .hasSize(ROWS - ROWS / 7);
    }

    @Test
    void emptyInputGivesOneRowGlobalAndNoneGrouped() {
        FilterNode none = new FilterNode(scan(), compare(Function.LESS_THAN, ID, -1));
        List<List<Object>> global = serialAndParallelAgree(new AggregateNode(none, List.of(), everyCall()));
        assertThat(global).hasSize(1);
        assertThat(global.get(0).get(0)).isEqualTo(0L);
        assertThat(global.get(0).get(2)).isNull();
        assertThat(serialAndParallelAgree(new AggregateNode(none, List.of(CITY), everyCall()))).isEmpty();
        assertThat(serialAndParallelAgree(new AggregateNode(none, List.of(BUCKET), everyCall()))).isEmpty();
    }

    @Test
    void groupsWhoseArgumentsAreAllNullEqualSerial() {
        // the rows with NULL ids: every aggregate of id is NULL (COUNT 0) in every group
        FilterNode nullIds = new FilterNode(scan(), Call.of(Function.IS_NULL, ColumnType.BOOLEAN,
                new ColumnReference(ID, ColumnType.BIGINT, true)));
        List<List<Object>> rows = serialAndParallelAgree(new AggregateNode(nullIds, List.of(CITY), List.of(
                call(AggregateFunction.COUNT, ID, ColumnType.BIGINT),
                call(AggregateFunction.SUM, ID, ColumnType.BIGINT),
                call(AggregateFunction.MIN, ID, ColumnType.BIGINT),
                call(AggregateFunction.AVG, ID, ColumnType.DOUBLE),
                call(AggregateFunction.VAR_SAMP, ID, ColumnType.DOUBLE),
                distinct(AggregateFunction.COUNT, ID, ColumnType.BIGINT))));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.subList(1, 7))
                .containsExactly(0L, null, null, null, null, 0L));
    }

    @Test
    void aggregateOverParallelJoinProbesEqualsSerial() {
        // the build: ids of one city; each worker probes it and aggregates what it joined
        FilterNode someCity = new FilterNode(scan(), Call.of(Function.EQUAL, ColumnType.BOOLEAN,
                new ColumnReference(CITY, ColumnType.VARCHAR, true), new Literal("서울", ColumnType.VARCHAR)));
        for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT, JoinType.SEMI, JoinType.ANTI)) {
            JoinNode join = new JoinNode(scan(), someCity, type, List.of(ID), List.of(ID), Optional.empty());
            serialAndParallelAgree(new AggregateNode(join, List.of(SMALL), List.of(
                    new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows"),
                    call(AggregateFunction.SUM, PRICE, ColumnType.decimal(18, 2)),
                    call(AggregateFunction.MAX, CITY, ColumnType.VARCHAR))));
            serialAndParallelAgree(new AggregateNode(join, List.of(), List.of(
                    call(AggregateFunction.SUM, ID, ColumnType.BIGINT))));
        }
    }

    @Test
    void aFailingWorkerFailsTheAggregateWithTheSerialError() {
        // 1 / (id - 200,001) divides by zero in one block only
        Expression divide = Call.of(Function.DIVIDE, ColumnType.BIGINT, new Literal(1L, ColumnType.BIGINT),
                Call.of(Function.SUBTRACT, ColumnType.BIGINT, new ColumnReference(ID, ColumnType.BIGINT, true),
                        new Literal(200_001L, ColumnType.BIGINT)));
        ProjectNode divided = new ProjectNode(scan(), List.of(divide, new ColumnReference(CITY, ColumnType.VARCHAR, true)),
                List.of("quotient", "city"));
        for (PlanNode plan : List.of(
                new AggregateNode(divided, List.of(1), List.of(call(AggregateFunction.SUM, 0, ColumnType.BIGINT))),
                new AggregateNode(divided, List.of(), List.of(call(AggregateFunction.SUM, 0, ColumnType.BIGINT))))) {
            DepotException serial = failure(new QueryExecutor(allocator), plan);
            DepotException parallel = failure(parallel(), plan);
            assertThat(parallel.code()).isEqualTo(serial.code());
            assertThat(parallel).hasMessage(serial.getMessage());
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }

    private DepotException failure(QueryExecutor executor, PlanNode plan) {
        try {
            run(executor, plan, QueryTesting.MEMORY_LIMIT);
        } catch (DepotException e) {
            return e;
        }
        throw new AssertionError("the query did not fail");
    }

    @Test
    void partialStatesCountAgainstTheMemoryLimit() {
        AggregateNode perId = new AggregateNode(scan(), List.of(ID, CITY), everyCall());
        assertThatThrownBy(() -> run(parallel(), perId, 4L * 1024 * 1024))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE))
                .hasMessage("Query exceeded its memory limit of 4194304 bytes");
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void cancellingStopsTheWorkersAndMerges() {
        ResultStream stream = parallel().execute(new AggregateNode(scan(), List.of(BUCKET), everyCall()),
                QueryTesting.MEMORY_LIMIT);
        stream.cancel(new DepotException(ErrorCode.USER, "Query was cancelled"));
        assertThatThrownBy(stream::next).isInstanceOf(DepotException.class).hasMessage("Query was cancelled");
        stream.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void closingBeforeTheFirstBatchFreesEverything() {
        ResultStream stream = parallel().execute(new AggregateNode(scan(), List.of(CITY), everyCall()),
                QueryTesting.MEMORY_LIMIT);
        stream.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void explainAnalyzeKeepsOneSerialOperatorPerNode() {
        ScanNode scan = scan();
        AggregateNode aggregate = new AggregateNode(scan, List.of(CITY),
                List.of(new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows")));
        QueryProfile profile = parallel().analyze(aggregate, QueryTesting.MEMORY_LIMIT);
        assertThat(profile.operator(scan).rows()).isEqualTo(ROWS);
        assertThat(profile.operator(aggregate).rows()).isEqualTo(CITIES.length + 1);
    }

    @Test
    void partialsByDefaultWithoutJoinsTheGatherPlanWithJoinsOrWhenOff() {
        AggregateNode grouped = new AggregateNode(new FilterNode(scan(), Call.of(Function.NOT_EQUAL, ColumnType.BOOLEAN,
                new ColumnReference(SMALL, ColumnType.INTEGER, true), new Literal(3, ColumnType.INTEGER))),
                List.of(CITY), List.of(call(AggregateFunction.SUM, PRICE, ColumnType.decimal(18, 2))));
        JoinNode join = new JoinNode(scan(), scan(), JoinType.INNER, List.of(ID), List.of(ID), Optional.empty());
        AggregateNode joined = new AggregateNode(join, List.of(CITY), grouped.calls());
        // by id: 260,000 groups by the table's statistics
        AggregateNode many = new AggregateNode(scan(), List.of(ID), grouped.calls());
        // (city, flag, small) through a projection: 6 x 3 x 8 combinations at most
        ProjectNode picked = new ProjectNode(scan(), List.of(new ColumnReference(FLAG, ColumnType.BOOLEAN, true),
                new ColumnReference(CITY, ColumnType.VARCHAR, true), new ColumnReference(SMALL, ColumnType.INTEGER, true),
                new ColumnReference(PRICE, ColumnType.decimal(15, 2), true)), List.of("f", "c", "s", "p"));
        AggregateNode few = new AggregateNode(picked, List.of(0, 1, 2),
                List.of(call(AggregateFunction.SUM, 3, ColumnType.decimal(18, 2))));
        AggregateNode global = new AggregateNode(scan(), List.of(), grouped.calls());
        System.clearProperty(Parallelism.PARTIAL_AGGREGATION_PROPERTY);
        try {
            assertThat(plannedRoot(grouped)).isEqualTo(ParallelAggregateOperator.class);
            assertThat(plannedRoot(few)).isEqualTo(ParallelAggregateOperator.class);
            assertThat(plannedRoot(global)).isEqualTo(ParallelAggregateOperator.class);
            assertThat(plannedRoot(many)).isEqualTo(HashAggregateOperator.class);
            assertThat(plannedRoot(joined)).isEqualTo(HashAggregateOperator.class);
            List<List<Object>> partials = sorted(run(parallel(), few, QueryTesting.MEMORY_LIMIT));
            System.setProperty(Parallelism.PARTIAL_AGGREGATION_PROPERTY, "false");
            assertThat(sorted(run(parallel(), few, QueryTesting.MEMORY_LIMIT))).isNotEmpty().isEqualTo(partials);
            System.setProperty(Parallelism.PARTIAL_AGGREGATION_PROPERTY, "false");
            assertThat(plannedRoot(grouped)).isEqualTo(HashAggregateOperator.class);
        } finally {
            System.setProperty(Parallelism.PARTIAL_AGGREGATION_PROPERTY, "true");
        }
        assertThat(plannedRoot(joined)).isEqualTo(ParallelAggregateOperator.class);
    }

    @Test
    void theGatherPlanWhenOffAndPartialsWithThePropertyGiveTheSameGroups() {
        AggregateNode grouped = new AggregateNode(scan(), List.of(CITY, FLAG), List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows"),
                call(AggregateFunction.SUM, PRICE, ColumnType.decimal(18, 2)),
                call(AggregateFunction.MIN, CITY, ColumnType.VARCHAR),
                distinct(AggregateFunction.COUNT, SMALL, ColumnType.BIGINT)));
        AggregateNode global = new AggregateNode(scan(), List.of(), grouped.calls());
        assertThat(plannedRoot(grouped)).isEqualTo(ParallelAggregateOperator.class);
        assertThat(plannedRoot(global)).isEqualTo(ParallelAggregateOperator.class);
        List<List<Object>> partials = sorted(run(parallel(), grouped, QueryTesting.MEMORY_LIMIT));
        List<List<Object>> gathered;
        for (String off : new String[] {"false", "FALSE"}) {
            System.setProperty(Parallelism.PARTIAL_AGGREGATION_PROPERTY, off);
            try {
                assertThat(plannedRoot(grouped)).isEqualTo(HashAggregateOperator.class);
                assertThat(plannedRoot(global)).isEqualTo(HashAggregateOperator.class);
                gathered = sorted(run(parallel(), grouped, QueryTesting.MEMORY_LIMIT));
            } finally {
                System.setProperty(Parallelism.PARTIAL_AGGREGATION_PROPERTY, "true");
            }
            // (CITY, FLAG) with their NULLs: 6 x 3 groups
            assertThat(partials).hasSize(18).isEqualTo(gathered);
        }
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    /** The class of the root operator the parallel executor would run for the plan. */
    private Class<?> plannedRoot(PlanNode plan) {
        try (QueryMemory memory = new QueryMemory(allocator, "plan", QueryTesting.MEMORY_LIMIT);
                Operator root = new OperatorPlanner(memory, new Parallelism(pool, 1), null).plan(plan)) {
            return root.getClass();
        }
    }

    @Test
    void repeatedRunsCountEveryRowOnce() {
        AggregateNode count = new AggregateNode(scan(), List.of(), List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "rows"),
                call(AggregateFunction.SUM, SMALL, ColumnType.BIGINT)));
        long small = 0;
        for (int id = 0; id < ROWS; id++) {
            small += id % 11 == 0 ? 0 : id % 5;
        }
        for (int i = 0; i < 5; i++) {
            assertThat(run(parallel(), count, QueryTesting.MEMORY_LIMIT)).containsExactly(row((long) ROWS, small));
        }
    }
}
