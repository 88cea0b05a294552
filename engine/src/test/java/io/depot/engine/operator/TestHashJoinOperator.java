package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.row;
import static io.depot.engine.testing.QueryTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.memory.QueryMemory;
import io.depot.engine.plan.JoinNode;
import io.depot.engine.plan.JoinType;
import io.depot.engine.plan.ValuesNode;
import io.depot.engine.testing.AllocatorTest;
import io.depot.engine.testing.QueryTesting;
import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestHashJoinOperator extends AllocatorTest {
    private static final String[] WORDS = {"서울", "부산", "", "a", "대한민국 서울특별시"};
    private static final ColumnType MONEY = ColumnType.decimal(12, 2);
    private static final List<Column> LEFT = List.of(Column.nullable("lk", ColumnType.INTEGER),
            Column.nullable("ls", ColumnType.VARCHAR), Column.nullable("lv", ColumnType.INTEGER));
    private static final List<Column> RIGHT = List.of(Column.nullable("rk", ColumnType.INTEGER),
            Column.nullable("rs", ColumnType.VARCHAR), Column.nullable("rw", ColumnType.INTEGER));
    /** {@code lv < rw} over LEFT ++ RIGHT: TRUE, FALSE or (with a NULL side) NULL. */
    private static final Condition V_LESS_THAN_W = new Condition(
            Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, new ColumnReference(2, ColumnType.INTEGER, true),
                    new ColumnReference(5, ColumnType.INTEGER, true)),
            (left, right) -> left.get(2) == null || right.get(2) == null
                    ? null
                    : (Integer) left.get(2) < (Integer) right.get(2));

    /** A residual condition and what it is for a pair of rows (null for SQL NULL). */
    private record Condition(Expression expression, BiFunction<List<Object>, List<Object>, Boolean> reference) {}

    /** Both inputs and how they are joined, for the operator and the reference alike. */
    private record JoinCase(List<Column> leftColumns, List<List<Object>> leftRows, List<Column> rightColumns,
            List<List<Object>> rightRows, List<Integer> leftKeys, List<Integer> rightKeys, Condition condition) {
        JoinNode node(JoinType type) {
            Optional<Expression> expression = condition == null ? Optional.empty() : Optional.of(condition.expression());
            return new JoinNode(values(leftColumns, leftRows), values(rightColumns, rightRows), type, leftKeys,
                    rightKeys, expression);
        }
    }

    /** What the join should produce, found by comparing every pair of rows. */
    private static List<List<Object>> nestedLoopJoin(JoinType type, JoinCase join) {
        List<List<Object>> result = new ArrayList<>();
        boolean[] rightMatched = new boolean[join.rightRows().size()];
        for (List<Object> left : join.leftRows()) {
            boolean leftMatched = false;
            for (int r = 0; r < join.rightRows().size(); r++) {
                List<Object> right = join.rightRows().get(r);
                if (keysEqual(join, left, right) && conditionTrue(join.condition(), left, right)) {
                    leftMatched = true;
                    rightMatched[r] = true;
                    if (type.projectsRight()) {
                        result.add(concat(left, right));
                    }
                }
            }
            boolean keepUnmatched = type == JoinType.LEFT || type == JoinType.FULL;
            if (!leftMatched && keepUnmatched) {
                result.add(concat(left, nulls(join.rightColumns().size())));
            }
            if (type == JoinType.SEMI && leftMatched || type == JoinType.ANTI && !leftMatched) {
                result.add(left);
            }
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
            for (int r = 0; r < rightMatched.length; r++) {
                if (!rightMatched[r]) {
                    result.add(concat(nulls(join.leftColumns().size()), join.rightRows().get(r)));
                }
            }
        }
        return result;
    }

    /** SQL equality of every key pair: a NULL equals nothing, -0.0 equals 0.0, NaN equals NaN. */
    private static boolean keysEqual(JoinCase join, List<Object> left, List<Object> right) {
        for (int k = 0; k < join.leftKeys().size(); k++) {
            Object leftKey = left.get(join.leftKeys().get(k));
            Object rightKey = right.get(join.rightKeys().get(k));
            if (leftKey == null || rightKey == null) {
                return false;
            }
            if (leftKey instanceof Double leftDouble) {
                if (Double.compare(leftDouble + 0.0, (Double) rightKey + 0.0) != 0) {
                    return false;
                }
            } else if (!leftKey.equals(rightKey)) {
                return false;
            }
        }
        return true;
    }

    private static boolean conditionTrue(Condition condition, List<Object> left, List<Object> right) {
        return condition == null || Boolean.TRUE.equals(condition.reference().apply(left, right));
    }

    private static List<Object> concat(List<Object> left, List<Object> right) {
        List<Object> row = new ArrayList<>(left);
        row.addAll(right);
        return row;
    }

    private static List<Object> nulls(int count) {
        return Arrays.asList(new Object[count]);
    }

    /** Rows (key, word, value) with keys below keyRange and about one NULL in nullEvery per column. */
    private static List<List<Object>> randomRows(Random random, int count, int keyRange, int nullEvery) {
        List<List<Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Integer key = random.nextInt(nullEvery) == 0 ? null : random.nextInt(keyRange);
            String word = random.nextInt(nullEvery) == 0 ? null : WORDS[random.nextInt(WORDS.length)];
            Integer value = random.nextInt(nullEvery) == 0 ? null : random.nextInt(100);
            rows.add(row(key, word, value));
        }
        return rows;
    }

    /**
     * Runs the join as an operator over VALUES inputs, checking its columns and that no batch
     * exceeds {@link Batch#MAX_ROWS}; the rows, and how many batches held them.
     */
    private List<List<Object>> runOperator(JoinType type, JoinCase join, boolean buildOnLeft, int[] batchCount) {
        JoinNode node = join.node(type);
        List<List<Object>> rows = new ArrayList<>();
        try (QueryMemory memory = new QueryMemory(allocator, "join", QueryTesting.MEMORY_LIMIT)) {
            ValuesNode left = (ValuesNode) node.left();
            ValuesNode right = (ValuesNode) node.right();
            try (Operator operator = new HashJoinOperator(
                    new ValuesOperator(left.columns(), left.rows(), memory.allocator()),
                    new ValuesOperator(right.columns(), right.rows(), memory.allocator()),
                    node, buildOnLeft, memory)) {
                assertThat(operator.columns()).isEqualTo(node.columns());
                Batch batch;
                while ((batch = operator.next()) != null) {
                    try (VectorSchemaRoot root = batch.transferCompacted(node.columns(), memory.allocator())) {
                        assertThat(root.getRowCount()).isLessThanOrEqualTo(Batch.MAX_ROWS);
                        rows.addAll(QueryTesting.rows(root, node.columns()));
                        batchCount[0]++;
                    }
                }
                assertThat(operator.isFinished()).isTrue();
            }
        }
        return rows;
    }

    /** The join's rows equal the nested-loop reference, built on the right and, where allowed, on the left. */
    private void assertMatchesReference(JoinType type, JoinCase join) {
        List<List<Object>> expected = sorted(nestedLoopJoin(type, join));
        assertThat(sorted(runOperator(type, join, false, new int[1]))).isEqualTo(expected);
        if (type.mayBuildLeft()) {
            assertThat(sorted(runOperator(type, join, true, new int[1]))).isEqualTo(expected);
        }
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }

    private static JoinCase onKeyAndWord(List<List<Object>> leftRows, List<List<Object>> rightRows, Condition condition) {
        return new JoinCase(LEFT, leftRows, RIGHT, rightRows, List.of(0, 1), List.of(0, 1), condition);
    }

    /** Random LEFT and RIGHT rows (see randomRows) joined on the same key columns of both. */
    private static JoinCase randomJoin(long seed, int leftCount, int rightCount, int keyRange, int nullEvery,
            List<Integer> keys, Condition condition) {
        Random random = new Random(seed);
        return new JoinCase(LEFT, randomRows(random, leftCount, keyRange, nullEvery), RIGHT,
                randomRows(random, rightCount, keyRange, nullEvery), keys, keys, condition);
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void multiColumnKeysWithDuplicatesAndNulls(JoinType type) {
        JoinCase join = randomJoin(1, 400, 300, 12, 8, List.of(0, 1), null);
        assertMatchesReference(type, join);
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void conditionThatIsTrueFalseOrNull(JoinType type) {
        JoinCase join = randomJoin(2, 400, 300, 8, 6, List.of(0, 1), V_LESS_THAN_W);
        assertMatchesReference(type, join);
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void varcharKeyAlone(JoinType type) {
        JoinCase join = randomJoin(3, 200, 150, 5, 5, List.of(1), null);
        assertMatchesReference(type, join);
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void emptyInputs(JoinType type) {
        List<List<Object>> rows = randomRows(new Random(4), 50, 5, 5);
        assertMatchesReference(type, onKeyAndWord(List.of(), rows, null));
        assertMatchesReference(type, onKeyAndWord(rows, List.of(), null));
        assertMatchesReference(type, onKeyAndWord(List.of(), List.of(), V_LESS_THAN_W));
        assertMatchesReference(type, new JoinCase(LEFT, rows, RIGHT, List.of(), List.of(), List.of(), null));
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void decimalKeys(JoinType type) {
        Random random = new Random(5);
        List<Column> leftColumns = List.of(Column.nullable("price", MONEY), Column.nullable("name", ColumnType.VARCHAR));
        List<Column> rightColumns = List.of(Column.nullable("id", ColumnType.BIGINT), Column.nullable("cost", MONEY));
        List<List<Object>> leftRows = new ArrayList<>();
        List<List<Object>> rightRows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            BigDecimal price = random.nextInt(6) == 0 ? null : BigDecimal.valueOf(random.nextInt(40) - 20, 2);
            leftRows.add(row(price, WORDS[random.nextInt(WORDS.length)]));
            BigDecimal cost = random.nextInt(6) == 0 ? null : BigDecimal.valueOf(random.nextInt(40) - 20, 2);
            rightRows.add(row((long) i, cost));
        }
        assertMatchesReference(type, new JoinCase(leftColumns, leftRows, rightColumns, rightRows, List.of(0), List.of(1), null));
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void crossJoinWithCondition(JoinType type) {
        JoinCase join = randomJoin(6, 120, 90, 5, 5, List.of(), V_LESS_THAN_W);
        assertMatchesReference(type, join);
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void crossJoinWithoutCondition(JoinType type) {
        JoinCase join = randomJoin(7, 30, 20, 5, 5, List.of(), null);
        assertMatchesReference(type, join);
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void probeSideOfManyBatchesAndOutputOfManyBatches(JoinType type) {
        // About 120,000 key-matching pairs, half of them passing the condition.
        JoinCase join = randomJoin(8, 70_000, 200, 100, 20, List.of(0), V_LESS_THAN_W);
        int[] batchCount = new int[1];
        List<List<Object>> actual = runOperator(type, join, false, batchCount);
        assertThat(sorted(actual)).isEqualTo(sorted(nestedLoopJoin(type, join)));
        assertThat(batchCount[0]).isGreaterThan(1);
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void buildSideOfManyBatches(JoinType type) {
        JoinCase join = randomJoin(9, 100, 70_000, 50_000, 20, List.of(0), null);
        assertMatchesReference(type, join);
    }

    /** Columns of every type beside an INTEGER key, for the output columns gathered from both sides. */
    private static final List<Column> EVERY_TYPE = List.of(Column.nullable("k", ColumnType.INTEGER),
            Column.nullable("b", ColumnType.BOOLEAN), Column.nullable("g", ColumnType.BIGINT),
            Column.nullable("f", ColumnType.DOUBLE), Column.nullable("d", ColumnType.DATE),
            Column.nullable("t", ColumnType.TIMESTAMP), Column.nullable("m", MONEY),
            Column.nullable("w", ColumnType.decimal(30, 4)), Column.nullable("s", ColumnType.VARCHAR));

    private static List<List<Object>> everyTypeRows(Random random, int count, int keyRange) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object[] row = {random.nextInt(keyRange), random.nextBoolean(), random.nextLong(),
                    random.nextInt(3) == 0 ? -0.0 : random.nextDouble() * 1e6, LocalDate.of(1992, 1, 1).plusDays(i),
                    LocalDateTime.of(2020, 2, 29, 12, 0).plusNanos(1_000L * random.nextInt(1_000_000)),
                    BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2),
                    new BigDecimal("12345678901234567890.1234").add(BigDecimal.valueOf(i, 4)),
                    WORDS[random.nextInt(WORDS.length)]};
            // NULLs in every column, more often in the key
            for (int c = 0; c < row.length; c++) {
                if (random.nextInt(c == 0 ? 6 : 9) == 0) {
                    row[c] = null;
                }
            }
            rows.add(Arrays.asList(row));
        }
        return rows;
    }

    /**
     * Every column type comes out of every join type as it went in, from either side, with the
     * probe input's batches narrowed to a selection (as a filtered scan hands them on): its
     * even-numbered rows.
     */
    @ParameterizedTest
    @EnumSource(JoinType.class)
    void everyColumnTypeThroughSelectedProbeBatches(JoinType type) {
        Random random = new Random(12);
        List<List<Object>> leftRows = everyTypeRows(random, 3_000, 400);
        List<List<Object>> rightRows = everyTypeRows(random, 700, 400);
        for (boolean buildOnLeft : type.mayBuildLeft() ? List.of(false, true) : List.of(false)) {
            List<List<Object>> probeRows = buildOnLeft ? rightRows : leftRows;
            List<List<Object>> evenRows = new ArrayList<>();
            for (int i = 0; i < probeRows.size(); i += 2) {
                evenRows.add(probeRows.get(i));
            }
            JoinCase reference = new JoinCase(EVERY_TYPE, buildOnLeft ? leftRows : evenRows, EVERY_TYPE,
                    buildOnLeft ? evenRows : rightRows, List.of(0), List.of(0), null);
            JoinNode node = new JoinCase(EVERY_TYPE, leftRows, EVERY_TYPE, rightRows, List.of(0), List.of(0), null)
                    .node(type);
            List<List<Object>> rows = new ArrayList<>();
            try (QueryMemory memory = new QueryMemory(allocator, "join", QueryTesting.MEMORY_LIMIT)) {
                Operator left = new ValuesOperator(EVERY_TYPE, ((ValuesNode) node.left()).rows(), memory.allocator());
                Operator right = new ValuesOperator(EVERY_TYPE, ((ValuesNode) node.right()).rows(), memory.allocator());
                try (Operator operator = new HashJoinOperator(buildOnLeft ? left : new EvenRows(left),
                        buildOnLeft ? new EvenRows(right) : right, node, buildOnLeft, memory)) {
                    Batch batch;
                    while ((batch = operator.next()) != null) {
                        try (VectorSchemaRoot root = batch.transferCompacted(node.columns(), memory.allocator())) {
                            rows.addAll(QueryTesting.rows(root, node.columns()));
                        }
                    }
                }
            }
            assertThat(sorted(rows)).as("%s built on the %s", type, buildOnLeft ? "left" : "right")
                    .isEqualTo(sorted(nestedLoopJoin(type, reference)));
        }
    }

    /** Hands on its input's batches narrowed to their even-numbered rows. */
    private record EvenRows(Operator input) implements Operator {
        @Override
        public List<Column> columns() {
            return input.columns();
        }

        @Override
        public Batch next() {
            Batch batch = input.next();
            if (batch == null) {
                return null;
            }
            int[] rows = new int[batch.rowCount()];
            int count = 0;
            for (int row = 0; row < batch.rowCount(); row += 2) {
                rows[count++] = row;
            }
            return batch.transferNarrowedOrClose(rows, count);
        }

        @Override
        public boolean isFinished() {
            return input.isFinished();
        }

        @Override
        public void close() {
            input.close();
        }
    }

    @Test
    void longChainsOfDuplicatesSpanOutputBatches() {
        List<List<Object>> leftRows = new ArrayList<>();
        List<List<Object>> rightRows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            leftRows.add(row(7, "서울", i));
            rightRows.add(row(7, "서울", i));
        }
        // 90,000 pairs with one key: one probe batch of 300 rows spans three output batches, the
        // first as large as the pair arrays sized for that probe batch (1,024), then whole batches.
        JoinCase join = onKeyAndWord(leftRows, rightRows, null);
        int[] batchCount = new int[1];
        List<List<Object>> actual = runOperator(JoinType.INNER, join, false, batchCount);
        assertThat(actual).hasSize(90_000);
        assertThat(batchCount[0]).isEqualTo(3);
        assertThat(sorted(actual)).isEqualTo(sorted(nestedLoopJoin(JoinType.INNER, join)));
    }

    @ParameterizedTest
    @EnumSource(value = JoinType.class, names = {"SEMI", "ANTI"})
    void semiAndAntiBuiltOnTheLeftEmitLeftRowsOfManyBatches(JoinType type) {
        // 150,000 left rows in the table, 200 right rows streaming through it: each left row comes
        // out once however many right rows match it, in batches of at most MAX_ROWS (65,536).
        JoinCase join = randomJoin(11, 150_000, 200, 100, 20, List.of(0), V_LESS_THAN_W);
        int[] batchCount = new int[1];
        List<List<Object>> actual = runOperator(type, join, true, batchCount);
        assertThat(sorted(actual)).isEqualTo(sorted(nestedLoopJoin(type, join)));
        assertThat(batchCount[0]).isGreaterThan(1);
    }

    @Test
    void outerJoinsCannotBuildOnTheLeft() {
        JoinCase join = randomJoin(12, 10, 10, 5, 5, List.of(0), null);
        for (JoinType type : List.of(JoinType.LEFT, JoinType.RIGHT, JoinType.FULL)) {
            assertThatThrownBy(() -> runOperator(type, join, true, new int[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot build on the left");
        }
    }

    @Test
    void innerJoinBuildingOnTheLeftGivesTheSameRows() {
        JoinCase join = randomJoin(10, 300, 500, 10, 6, List.of(0, 1), V_LESS_THAN_W);
        assertThat(sorted(runOperator(JoinType.INNER, join, true, new int[1])))
                .isEqualTo(sorted(nestedLoopJoin(JoinType.INNER, join)));
    }

    @Test
    void keysOfEveryKindCompareAsSqlDoes() {
        List<Column> columns = List.of(Column.nullable("d", ColumnType.DOUBLE), Column.nullable("b", ColumnType.BOOLEAN),
                Column.nullable("day", ColumnType.DATE), Column.nullable("at", ColumnType.TIMESTAMP));
        LocalDate day = LocalDate.of(2024, 2, 29);
        LocalDateTime at = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000);
        List<List<Object>> leftRows = List.of(
                row(-0.0, true, day, at), row(Double.NaN, false, day, at), row(1.5, null, day, at),
                row(1.5, true, day.plusDays(1), at), row(2.5, false, day, at.plusNanos(1_000)));
        List<List<Object>> rightRows = List.of(
                row(0.0, true, day, at), row(Double.NaN, false, day, at), row(1.5, null, day, at),
                row(1.5, true, day, at), row(2.5, false, day, at));
        JoinCase join = new JoinCase(columns, leftRows, columns, rightRows, List.of(0, 1, 2, 3), List.of(0, 1, 2, 3), null);
        List<List<Object>> expected = List.of(
                concat(leftRows.get(0), rightRows.get(0)), concat(leftRows.get(1), rightRows.get(1)));
        assertThat(runOperator(JoinType.INNER, join, false, new int[1])).isEqualTo(expected);
        assertThat(nestedLoopJoin(JoinType.INNER, join)).isEqualTo(expected);
    }

    @Test
    void outerJoinColumnsBecomeNullable() {
        List<Column> required = List.of(new Column("k", ColumnType.INTEGER, false));
        JoinCase join = new JoinCase(required, List.of(row(1), row(2)), required, List.of(row(2), row(3)),
                List.of(0), List.of(0), null);
        assertThat(runOperator(JoinType.FULL, join, false, new int[1]))
                .containsExactlyInAnyOrder(row(1, null), row(2, 2), row(null, 3));
        assertThat(join.node(JoinType.FULL).columns()).extracting(Column::nullable).containsExactly(true, true);
    }

    @Test
    void runsThroughTheExecutor() {
        JoinCase join = randomJoin(11, 100, 100, 6, 6, List.of(0, 1), V_LESS_THAN_W);
        for (JoinType type : JoinType.values()) {
            assertThat(sorted(QueryTesting.run(allocator, join.node(type))))
                    .isEqualTo(sorted(nestedLoopJoin(type, join)));
        }
    }

    @Test
    void buildSideOverTheMemoryLimitIsAResourceErrorAndFreesEverything() {
        JoinCase join = randomJoin(12, 10, 100_000, 100_000, 6, List.of(0, 1), null);
        long limit = 2L << 20;
        assertThatThrownBy(() -> QueryTesting.run(allocator, join.node(JoinType.LEFT), limit))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE))
                .hasMessage("Query exceeded its memory limit of " + limit + " bytes");
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void keysOfDifferentTypesAreAnInternalError() {
        JoinNode node = new JoinNode(QueryTesting.column(ColumnType.INTEGER, 1), QueryTesting.column(ColumnType.BIGINT, 1L),
                JoinType.INNER, List.of(0), List.of(0), Optional.empty());
        assertThatThrownBy(() -> QueryTesting.run(allocator, node))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessage("Join key pair[0] has left type[INTEGER] and right type[BIGINT]");
    }

    @Test
    void conditionThatIsNotBooleanIsAnInternalError() {
        JoinNode node = new JoinNode(QueryTesting.column(ColumnType.INTEGER, 1), QueryTesting.column(ColumnType.INTEGER, 1),
                JoinType.INNER, List.of(0), List.of(0), Optional.of(new ColumnReference(0, ColumnType.INTEGER, true)));
        assertThatThrownBy(() -> QueryTesting.run(allocator, node))
                .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessage("Join condition has type[INTEGER] where BOOLEAN is required");
    }
}
