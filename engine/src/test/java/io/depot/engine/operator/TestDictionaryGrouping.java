package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.AggregateCall;
import io.depot.engine.plan.AggregateFunction;
import io.depot.engine.plan.AggregateNode;
import io.depot.engine.plan.PlanNode;
import io.depot.engine.plan.ProjectNode;
import io.depot.engine.plan.ScanNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grouping on VARCHAR keys that arrive as their blocks' dictionary codes: three segments whose
 * {@code city} blocks have different dictionaries (the same string under different codes, NULLs,
 * an entry longer than a packed key) or no dictionary at all (a block of mostly distinct
 * strings is PLAIN). Every answer is checked against sums computed here from the rows, so a
 * code mapped to another entry's group fails.
 */
class TestDictionaryGrouping extends AllocatorTest {
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("city", ColumnType.VARCHAR),
            Column.nullable("flag", ColumnType.VARCHAR),
            Column.nullable("amount", ColumnType.BIGINT));
    /** Segment 1: two blocks, NULL cities. */
    private static final int FIRST_END = 100_000;
    /** Segment 2: another dictionary, "서울" under another code, a long entry, NULLs. */
    private static final int SECOND_END = 140_000;
    /** Segment 3: mostly distinct cities, so a PLAIN block. */
    private static final int THIRD_END = 160_000;
    private static final String LONG_CITY = "a city name longer than seven bytes";

    private Database database;
    private Snapshot snapshot;

    @BeforeEach
    void writeTable() {
        database = Database.temporary();
        append(0, FIRST_END);
        append(FIRST_END, SECOND_END);
        append(SECOND_END, THIRD_END);
        snapshot = database.table("t").orElseThrow().snapshot();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private static String city(int id) {
        if (id < FIRST_END) {
            return new String[] {"부산", "서울", "인천", null}[id % 4];
        }
        if (id < SECOND_END) {
            return id % 7 == 0 ? null : new String[] {"서울", "대구", LONG_CITY}[id % 3];
        }
        return id % 10 == 0 ? "서울" : "u" + id;
    }

    private static String flag(int id) {
        if (id < FIRST_END) {
            return id % 3 == 0 ? "Y" : "N";
        }
        return id % 2 == 0 ? "N" : "Y";
    }

    private static long amount(int id) {
        return id % 100;
    }

    private void append(int from, int to) {
        try (TableWriter writer = database.beginWrite("t", SCHEMA)) {
            for (int start = from; start < to; start += 50_000) {
                int end = Math.min(to, start + 50_000);
                try (VectorSchemaRoot root = ArrowTypes.createRoot(SCHEMA, database.allocator())) {
                    root.allocateNew();
                    for (int id = start; id < end; id++) {
                        int row = id - start;
                        ArrowValues.set(root.getVector(0), ColumnType.BIGINT, row, (long) id);
                        ArrowValues.set(root.getVector(1), ColumnType.VARCHAR, row, city(id));
                        ArrowValues.set(root.getVector(2), ColumnType.VARCHAR, row, flag(id));
                        ArrowValues.set(root.getVector(3), ColumnType.BIGINT, row, amount(id));
                    }
                    root.setRowCount(end - start);
                    writer.append(root);
                }
            }
            writer.commit();
        }
    }

    private static List<AggregateCall> countAndSum(int amountColumn) {
        return List.of(
                new AggregateCall(AggregateFunction.COUNT, OptionalInt.empty(), false, ColumnType.BIGINT, "n"),
                new AggregateCall(AggregateFunction.SUM, OptionalInt.of(amountColumn), false, ColumnType.BIGINT, "total"));
    }

    /** Per key (city, or city and flag), the row count and the sum of amounts of the ids that pass. */
    private static Map<List<Object>, List<Object>> expected(boolean withFlag, IntPredicate passes) {
        Map<List<Object>, long[]> sums = new HashMap<>();
        for (int id = 0; id < THIRD_END; id++) {
            if (passes.test(id)) {
                List<Object> key = withFlag ? Arrays.asList(city(id), flag(id)) : Arrays.asList((Object) city(id));
                long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
                sum[0]++;
                sum[1] += amount(id);
            }
        }
        Map<List<Object>, List<Object>> result = new HashMap<>();
        sums.forEach((key, sum) -> result.put(key, List.of(sum[0], sum[1])));
        return result;
    }

    /** The aggregation's rows as key to (count, sum), keys being the first {@code keyCount} columns. */
    private Map<List<Object>, List<Object>> answer(PlanNode plan, int keyCount) {
        Map<List<Object>, List<Object>> result = new HashMap<>();
        for (List<Object> row : run(allocator, plan)) {
            List<Object> previous = result.put(new ArrayList<>(row.subList(0, keyCount)),
                    new ArrayList<>(row.subList(keyCount, row.size())));
            assertThat(previous).as("group %s twice", row.subList(0, keyCount)).isNull();
        }
        return result;
    }

    @Test
    void scanBatchesCarryTheDictionariesOfDictionaryBlocksOnly() {
        List<Boolean> carried = new ArrayList<>();
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(1, 0), Optional.empty()), allocator)) {
            for (Batch next = scan.next(); next != null; next = scan.next()) {
                try (Batch batch = next) {
                    carried.add(batch.dictionary(0) != null);
                    assertThat(batch.dictionary(1)).isNull();
                }
            }
        }
        // segment 1's two blocks and segment 2's block have dictionaries, segment 3's PLAIN block none
        assertThat(carried).containsExactly(true, true, true, false);
    }

    @Test
    void groupsByOneCodedKeyAcrossDictionariesAndPlainBlocks() {
        AggregateNode plan = new AggregateNode(new ScanNode(snapshot, List.of(1, 3), Optional.empty()), List.of(0),
                countAndSum(1));
        assertThat(answer(plan, 1)).isEqualTo(expected(false, id -> true));
    }

    @Test
    void groupsByTwoCodedKeysUnderAFilterAndAProjection() {
        // amount >= 3 keeps most rows of each block, so the batches come with a selection
        ColumnReference amount = new ColumnReference(2, ColumnType.BIGINT, true);
        Expression filter = Call.of(Function.GREATER_THAN_OR_EQUAL, ColumnType.BOOLEAN, amount,
                new Literal(3L, ColumnType.BIGINT));
        ScanNode scan = new ScanNode(snapshot, List.of(2, 1, 3), Optional.of(filter));
        // the projection passes both keys through and computes the summed column
        ProjectNode project = new ProjectNode(scan, List.of(
                new ColumnReference(1, ColumnType.VARCHAR, true),
                new ColumnReference(0, ColumnType.VARCHAR, true),
                Call.of(Function.ADD, ColumnType.BIGINT, amount, new Literal(0L, ColumnType.BIGINT))),
                List.of("city", "flag", "amount"));
        AggregateNode plan = new AggregateNode(project, List.of(0, 1), countAndSum(2));
        assertThat(answer(plan, 2)).isEqualTo(expected(true, id -> amount(id) >= 3));
    }

    /**
     * Columns handed over undecoded (their strings decoded when first read) read back as the
     * rows' strings and NULLs after a filter and a projection that moves them, whether read
     * whole or through the selection, and whether the filter itself read them or not.
     */
    @Test
    void undecodedColumnsReadBackAsTheirStrings() {
        ColumnReference id = new ColumnReference(0, ColumnType.BIGINT, true);
        ColumnReference city = new ColumnReference(1, ColumnType.VARCHAR, true);
        ColumnReference flag = new ColumnReference(2, ColumnType.VARCHAR, true);
        Expression modulo = Call.of(Function.MODULO, ColumnType.BIGINT, id, new Literal(10L, ColumnType.BIGINT));
        Expression mostIds = Call.of(Function.NOT_EQUAL, ColumnType.BOOLEAN, modulo, new Literal(4L, ColumnType.BIGINT));
        Expression yes = Call.of(Function.EQUAL, ColumnType.BOOLEAN, flag, new Literal("Y", ColumnType.VARCHAR));
        for (Expression filter : List.of(mostIds, yes)) {
            ScanNode scan = new ScanNode(snapshot, List.of(0, 1, 2), Optional.of(filter));
            ProjectNode project = new ProjectNode(scan, List.of(city, id, flag,
                    Call.of(Function.ADD, ColumnType.BIGINT, id, new Literal(1L, ColumnType.BIGINT))),
                    List.of("city", "id", "flag", "next"));
            List<List<Object>> rows = run(allocator, project);
            List<List<Object>> expected = new ArrayList<>();
            for (int i = 0; i < THIRD_END; i++) {
                if (filter == mostIds ? i % 10 != 4 : flag(i).equals("Y")) {
                    expected.add(Arrays.asList(city(i), (long) i, flag(i), i + 1L));
                }
            }
            assertThat(rows).as("filter %s", filter).isEqualTo(expected);
        }
    }

    @Test
    void groupsOnStringsWhenSwitchedOff() {
        AggregateNode plan = new AggregateNode(new ScanNode(snapshot, List.of(1, 2, 3), Optional.empty()), List.of(0, 1),
                countAndSum(2));
        System.setProperty("depot.scan.dictionaryCodes", "false");
        try {
            try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(1), Optional.empty()), allocator);
                    Batch batch = scan.next()) {
                assertThat(batch.dictionary(0)).isNull();
            }
            assertThat(answer(plan, 2)).isEqualTo(expected(true, id -> true));
        } finally {
            System.clearProperty("depot.scan.dictionaryCodes");
        }
    }
}
