package io.depot.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.operator.ScanStatistics;
import io.depot.engine.plan.FilterNode;
import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.JoinType;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.ScanNode;
import io.depot.engine.plan.SortKey;
import io.depot.engine.plan.SharedNode;
import io.depot.engine.plan.SetOperationNode;
import io.depot.engine.plan.SetOperation;
import io.depot.engine.plan.SortNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runtime join filters never change an answer: every join type, build on either side, serial and
 * parallel, single and two-column keys of several types (NULL keys included), empty builds and
 * write-ahead log rows give the same rows with the filters as without them; and the filters do
 * drop rows and skip blocks where they should, and stay away from joins that keep unmatched
 * probe rows.
 */
class TestRuntimeJoinFilters extends AllocatorTest {
    private static final ColumnType PRICE = ColumnType.decimal(12, 2);
    private static final TableSchema FACT = TableSchema.of(
            Column.nullable("seq", ColumnType.BIGINT),
            Column.nullable("k", ColumnType.BIGINT),
            Column.nullable("d", ColumnType.DATE),
            Column.nullable("i", ColumnType.INTEGER),
            Column.nullable("name", ColumnType.VARCHAR),
            Column.nullable("p", PRICE),
            Column.nullable("t", ColumnType.TIMESTAMP));
    private static final List<Column> DIMENSION = List.of(
            Column.nullable("dk", ColumnType.BIGINT),
            Column.nullable("dd", ColumnType.DATE),
            Column.nullable("di", ColumnType.INTEGER),
            Column.nullable("dseq", ColumnType.BIGINT),
            Column.nullable("dp", PRICE),
            Column.nullable("dt", ColumnType.TIMESTAMP));
    private static final int ROWS = 200_000;
    private static final LocalDate EPOCH = LocalDate.of(1995, 1, 1);

    private Database database;
    private Snapshot snapshot;
    private WorkerPool pool;
    /** The fact rows' keys, as written: k, d, i per row (seq is the row number). */
    private final Long[] ks = new Long[ROWS];
    private final LocalDate[] ds = new LocalDate[ROWS];
    private final Integer[] is = new Integer[ROWS];

    @BeforeEach
    void writeTable() {
        Random random = new Random(42);
        for (int row = 0; row < ROWS; row++) {
            ks[row] = random.nextInt(20) == 0 ? null : (long) random.nextInt(50_000);
            ds[row] = random.nextInt(20) == 0 ? null : EPOCH.plusDays(random.nextInt(2_000));
            is[row] = random.nextInt(20) == 0 ? null : random.nextInt(100);
        }
        database = Database.temporary();
        append(0, 130_000);
        append(130_000, ROWS);
        snapshot = database.table("fact").orElseThrow().snapshot();
        pool = new WorkerPool(3);
    }

    @AfterEach
    void close() {
        pool.close();
        database.close();
    }

    private void append(int from, int to) {
        try (TableWriter writer = database.beginWrite("fact", FACT)) {
            for (int start = from; start < to; start += 50_000) {
                int end = Math.min(to, start + 50_000);
                try (VectorSchemaRoot root = ArrowTypes.createRoot(FACT, database.allocator())) {
                    root.allocateNew();
                    for (int row = start; row < end; row++) {
                        ArrowValues.set(root.getVector(0), ColumnType.BIGINT, row - start, (long) row);
                        ArrowValues.set(root.getVector(1), ColumnType.BIGINT, row - start, ks[row]);
                        ArrowValues.set(root.getVector(2), ColumnType.DATE, row - start, ds[row]);
                        ArrowValues.set(root.getVector(3), ColumnType.INTEGER, row - start, is[row]);
                        ArrowValues.set(root.getVector(4), ColumnType.VARCHAR, row - start, "n" + (row % 13));
                        ArrowValues.set(root.getVector(5), PRICE, row - start, price(ks[row]));
                        ArrowValues.set(root.getVector(6), ColumnType.TIMESTAMP, row - start, time(ks[row]));
                    }
                    root.setRowCount(end - start);
                    writer.append(root);
                }
            }
            writer.commit();
        }
    }

    /** A DECIMAL key derived from k: k / 100 with two decimals (negative for odd k). */
    private static BigDecimal price(Long k) {
        return k == null ? null : BigDecimal.valueOf(k % 2 == 0 ? k : -k, 2);
    }

    /** A TIMESTAMP key derived from k: k seconds and k microseconds after 1995-01-01. */
    private static LocalDateTime time(Long k) {
        return k == null ? null : EPOCH.atStartOfDay().plusSeconds(k).plusNanos(k * 1_000);
    }

    private ScanNode scan() {
        return new ScanNode(snapshot, List.of(0, 1, 2, 3, 4, 5, 6), Optional.empty());
    }

    /** Dimension rows: keys drawn from the fact's (so they match), some absent ones, NULLs and duplicates. */
    private static PlanNode dimension(int rows, long seed) {
        return QueryTesting.values(DIMENSION, dimensionRows(rows, seed));
    }

    private static List<List<Object>> dimensionRows(int rows, long seed) {
        Random random = new Random(seed);
        List<List<Object>> values = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            Long k = random.nextInt(10) == 0 ? null : (long) random.nextInt(60_000);
            LocalDate d = random.nextInt(10) == 0 ? null : EPOCH.plusDays(random.nextInt(2_100));
            Integer i = random.nextInt(10) == 0 ? null : random.nextInt(120);
            Long seq = 100_000L + random.nextInt(5_000);
            values.add(java.util.Arrays.asList(k, d, i, seq, price(k), time(k)));
            if (row % 50 == 0) {
                values.add(java.util.Arrays.asList(k, d, i, seq, price(k), time(k)));
            }
        }
        return values;
    }

    private static SortNode sortedByAll(PlanNode node) {
        return new SortNode(node, IntStream.range(0, node.columns().size()).mapToObj(SortKey::ascending).toList());
    }

    private List<List<Object>> run(QueryExecutor executor, PlanNode plan) {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultStream stream = executor.execute(plan, QueryTesting.MEMORY_LIMIT)) {
            for (VectorSchemaRoot next = stream.next(); next != null; next = stream.next()) {
                try (VectorSchemaRoot root = next) {
                    rows.addAll(QueryTesting.rows(root, plan.columns()));
                }
            }
        }
        return rows;
    }

    private List<List<Object>> withoutRuntimeFilters(PlanNode plan) {
        System.setProperty("depot.planner.disable", OperatorPlanner.RUNTIME_FILTERS);
        try {
            return run(new QueryExecutor(allocator), plan);
        } finally {
            System.clearProperty("depot.planner.disable");
        }
    }

    /** The plan's rows with runtime filters, serial and parallel, after checking they equal those without. */
    private List<List<Object>> sameWithAndWithout(PlanNode plan, String description) {
        List<List<Object>> expected = withoutRuntimeFilters(plan);
        assertThat(run(new QueryExecutor(allocator), plan)).as("serial: " + description).isEqualTo(expected);
        assertThat(run(new QueryExecutor(allocator, pool, 1), plan)).as("parallel: " + description).isEqualTo(expected);
        assertThat(allocator.getAllocatedMemory()).isZero();
        return expected;
    }

    /** What the fact scan's runtime filters did in an EXPLAIN ANALYZE run. */
    private ScanStatistics analyzedScan(PlanNode plan, ScanNode scan) {
        QueryProfile profile = new QueryExecutor(allocator).analyze(plan, QueryTesting.MEMORY_LIMIT);
        return profile.operator(scan).scan();
    }

    private JoinNode join(ScanNode fact, PlanNode dimension, JoinType type, List<Integer> factKeys,
            List<Integer> dimensionKeys, boolean buildLeft) {
        return buildLeft
                ? new JoinNode(dimension, fact, type, dimensionKeys, factKeys, Optional.empty(), true)
                : new JoinNode(fact, dimension, type, factKeys, dimensionKeys, Optional.empty(), false);
    }

    @Test
    void everyJoinTypeAndKeyGivesTheSameRowsWithFilters() {
        List<List<Integer>> factKeys = List.of(List.of(1), List.of(2), List.of(3), List.of(1, 3), List.of(0),
                List.of(5), List.of(6));
        List<List<Integer>> dimensionKeys = List.of(List.of(0), List.of(1), List.of(2), List.of(0, 2), List.of(3),
                List.of(4), List.of(5));
        for (JoinType type : JoinType.values()) {
            for (boolean buildLeft : type.mayBuildLeft() ? List.of(false, true) : List.of(false)) {
                for (int key = 0; key < factKeys.size(); key++) {
                    if (type != JoinType.INNER && key >= 2 && key != 3) {
                        // INTEGER, the clustered seq, DECIMAL and TIMESTAMP keys: INNER only, to keep the test short
                        continue;
                    }
                    ScanNode fact = scan();
                    JoinNode join = join(fact, dimension(300, key), type, factKeys.get(key), dimensionKeys.get(key),
                            buildLeft);
                    String description = type + (buildLeft ? " built on the left" : "") + " on " + factKeys.get(key);
                    SortNode plan = sortedByAll(join);
                    List<List<Object>> rows = sameWithAndWithout(plan, description);
                    ScanStatistics statistics = analyzedScan(plan, fact);
                    boolean filters = type != JoinType.LEFT && type != JoinType.FULL
                            && !(type == JoinType.ANTI && !buildLeft);
                    assertThat(statistics.runtimeFilters()).as(description).isEqualTo(filters ? factKeys.get(key).size() : 0);
                    if (filters) {
                        assertThat(statistics.rowsDroppedByRuntimeFilter() + statistics.blocksSkippedByRuntimeFilter())
                                .as(description).isPositive();
                    }
                    if (type == JoinType.INNER && key == 0) {
                        assertThat(rows).hasSize(innerMatchesOnK(dimensionRows(300, 0)));
                    }
                }
            }
        }
    }

    /** INNER matches on k counted directly, so the comparison above has a fixed point. */
    private int innerMatchesOnK(List<List<Object>> dimension) {
        Map<Long, Integer> fact = new HashMap<>();
        for (Long k : ks) {
            if (k != null) {
                fact.merge(k, 1, Integer::sum);
            }
        }
        int matches = 0;
        for (List<Object> row : dimension) {
            matches += row.get(0) == null ? 0 : fact.getOrDefault((Long) row.get(0), 0);
        }
        return matches;
    }

    @Test
    void aNarrowKeyRangeSkipsBlocksByTheirZoneMaps() {
        // seq is the row number: the build's seq values 100,000..104,999 lie in one of four blocks
        ScanNode fact = scan();
        JoinNode join = join(fact, dimension(200, 7), JoinType.INNER, List.of(0), List.of(3), false);
        SortNode plan = sortedByAll(join);
        assertThat(sameWithAndWithout(plan, "seq")).isNotEmpty();
        ScanStatistics statistics = analyzedScan(plan, fact);
        assertThat(statistics.blocksSkippedByRuntimeFilter()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anEmptyBuildEmptiesAnInnerJoinAndKeepsALeftJoin() {
        PlanNode empty = QueryTesting.values(DIMENSION, List.of());
        PlanNode onlyNulls = QueryTesting.values(DIMENSION,
                List.of(java.util.Arrays.asList(null, null, null, null, null, null)));
        for (PlanNode dimension : List.of(empty, onlyNulls)) {
            for (JoinType type : List.of(JoinType.INNER, JoinType.SEMI, JoinType.RIGHT, JoinType.LEFT, JoinType.ANTI)) {
                ScanNode fact = scan();
                SortNode plan = sortedByAll(join(fact, dimension, type, List.of(1), List.of(0), false));
                List<List<Object>> rows = sameWithAndWithout(plan, type.toString());
                int expected = switch (type) {
                    case LEFT, ANTI -> ROWS;
                    case RIGHT -> dimension == empty ? 0 : 1;
                    default -> 0;
                };
                assertThat(rows).as(type.toString()).hasSize(expected);
            }
        }
        ScanNode fact = scan();
        ScanStatistics statistics = analyzedScan(sortedByAll(join(fact, empty, JoinType.SEMI, List.of(1), List.of(0),
                true)), fact);
        assertThat(statistics.blocksSkippedByRuntimeFilter()).isEqualTo(statistics.blocksTotal());
        assertThat(statistics.blocksRead()).isZero();
    }

    @Test
    void keysTraceThroughProjectionsFiltersAndOtherJoins() {
        // fact → filter → project (k, i, name; a computed column) → join on i → join on k: both filter the scan
        ScanNode fact = scan();
        FilterNode filtered = new FilterNode(fact, Call.of(Function.NOT_EQUAL, ColumnType.BOOLEAN,
                new ColumnReference(4, ColumnType.VARCHAR, true), new Literal("n3", ColumnType.VARCHAR)));
        ColumnReference k = new ColumnReference(1, ColumnType.BIGINT, true);
        ProjectNode projected = new ProjectNode(filtered, List.of(
                Call.of(Function.ADD, ColumnType.BIGINT, k, new Literal(1L, ColumnType.BIGINT)),
                new ColumnReference(3, ColumnType.INTEGER, true), k, new ColumnReference(4, ColumnType.VARCHAR, true)),
                List.of("k1", "i", "k", "name"));
        JoinNode onI = new JoinNode(projected, dimension(40, 3), JoinType.INNER, List.of(1), List.of(2), Optional.empty());
        JoinNode onK = new JoinNode(onI, dimension(3_000, 4), JoinType.SEMI, List.of(2), List.of(0), Optional.empty());
        // a join on the computed column must not filter the scan
        JoinNode onComputed = new JoinNode(onK, dimension(3_000, 5), JoinType.INNER, List.of(0), List.of(0),
                Optional.empty());
        SortNode plan = sortedByAll(onComputed);
        assertThat(sameWithAndWithout(plan, "chain")).isNotEmpty();
        ScanStatistics statistics = analyzedScan(plan, fact);
        assertThat(statistics.runtimeFilters()).isEqualTo(2);
        assertThat(statistics.rowsDroppedByRuntimeFilter()).isGreaterThan(ROWS / 2);
    }

    /** A join inside a shared input runs once for all its readers, so it filters its own scan (TPC-H Q2). */
    @Test
    void aJoinInsideASharedInputFiltersItsScan() {
        ScanNode fact = scan();
        JoinNode inner = join(fact, dimension(300, 6), JoinType.INNER, List.of(1), List.of(0), false);
        SetOperationNode twice = new SetOperationNode(List.of(new SharedNode(1, inner), new SharedNode(1, inner)),
                SetOperation.UNION, true, inner.columns());
        SortNode plan = sortedByAll(twice);
        List<List<Object>> rows = sameWithAndWithout(plan, "shared join read twice");
        assertThat(rows).isNotEmpty().hasSize(2 * run(new QueryExecutor(allocator), inner).size());
        ScanStatistics statistics = analyzedScan(plan, fact);
        assertThat(statistics.runtimeFilters()).isEqualTo(1);
        assertThat(statistics.rowsDroppedByRuntimeFilter()).isGreaterThan(ROWS / 2);
        // the same scan object reached twice without sharing is planned twice: no filters then
        SetOperationNode unshared = new SetOperationNode(List.of(inner, inner), SetOperation.UNION, true,
                inner.columns());
        assertThat(sameWithAndWithout(sortedByAll(unshared), "unshared join read twice")).isEqualTo(rows);
        assertThat(analyzedScan(sortedByAll(unshared), fact).runtimeFilters()).isZero();
    }

    @Test
    void writeAheadLogRowsAreFilteredToo() {
        try (TableWriter writer = database.beginInsert("fact", null);
                VectorSchemaRoot root = ArrowTypes.createRoot(FACT, database.allocator())) {
            root.allocateNew();
            for (int row = 0; row < 1_000; row++) {
                ArrowValues.set(root.getVector(0), ColumnType.BIGINT, row, (long) (ROWS + row));
                ArrowValues.set(root.getVector(1), ColumnType.BIGINT, row, row % 9 == 0 ? null : (long) row * 37);
                ArrowValues.set(root.getVector(2), ColumnType.DATE, row, EPOCH.plusDays(row));
                ArrowValues.set(root.getVector(3), ColumnType.INTEGER, row, row % 100);
                ArrowValues.set(root.getVector(4), ColumnType.VARCHAR, row, "w" + row);
                ArrowValues.set(root.getVector(5), PRICE, row, price((long) row));
                ArrowValues.set(root.getVector(6), ColumnType.TIMESTAMP, row, time((long) row));
            }
            root.setRowCount(1_000);
            writer.append(root);
            writer.commit();
        }
        snapshot = database.table("fact").orElseThrow().snapshot();
        assertThat(snapshot.deltaRowCount()).isEqualTo(1_000);
        for (JoinType type : List.of(JoinType.INNER, JoinType.SEMI)) {
            ScanNode fact = scan();
            SortNode plan = sortedByAll(join(fact, dimension(500, 11), type, List.of(1), List.of(0), false));
            List<List<Object>> rows = sameWithAndWithout(plan, type + " with log rows");
            assertThat(rows).anySatisfy(row -> assertThat((Long) row.get(0)).isGreaterThanOrEqualTo(ROWS));
        }
    }
}
