package io.depot.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.BooleanData;
import io.depot.engine.batch.ColumnData;
import io.depot.engine.batch.DoubleData;
import io.depot.engine.batch.LongData;
import io.depot.engine.batch.StringData;
import io.depot.storage.type.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernel#evaluateAt}, the path AND, OR and CASE take for the rows still open: random
 * boolean expressions (comparisons of columns with constants and with columns, IN lists with and
 * without a NULL item, ORs of equalities, LIKE, NULL tests, NOT, nested AND and OR, and arithmetic that takes the
 * gathering path) over columns with NULLs, evaluated over all rows and at random subsets of the
 * rows, are checked row by row against a plain Java interpretation with SQL's three-valued logic.
 */
class TestSelectedRows {
    /** Columns: pairs of one type, so column-against-column comparisons have a partner. */
    private static final ColumnType DECIMAL = ColumnType.decimal(12, 2);
    private static final ColumnType[] TYPES = {ColumnType.BIGINT, ColumnType.BIGINT, ColumnType.VARCHAR,
            ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DATE, ColumnType.DATE, DECIMAL, DECIMAL,
            ColumnType.BOOLEAN};
    private static final int BOOLEAN_COLUMN = 10;
    /** Short keys, one longer than the 16 bytes compared in a plain loop, multi-byte characters. */
    private static final String[] STRINGS = {"", "MAIL", "SHIP", "AIR", "AIR REG", "DELIVER IN PERSON",
            "DELIVER IN PERSOM", "서울", "😀", "a", "ab"};
    private static final double[] DOUBLES = {-0.0, 0.0, 1.5, -2.25, Double.NaN, Double.POSITIVE_INFINITY};
    private static final String[] PATTERNS = {"%", "%A%", "M_IL", "AIR%", "%PERSON", "_", "서%", "", "%R%E%"};
    private static final Function[] COMPARISONS = {Function.EQUAL, Function.NOT_EQUAL, Function.LESS_THAN,
            Function.LESS_THAN_OR_EQUAL, Function.GREATER_THAN, Function.GREATER_THAN_OR_EQUAL};

    /** An expression and its reference answer for one row's values (NULL as null). */
    private record Generated(Expression expression, Reference reference) {}

    private interface Reference {
        Boolean at(Object[] row);
    }

    @Test
    void randomConditionsAtSelectedRowsAgreeWithThreeValuedLogic() {
        Random random = new Random(23);
        for (int round = 0; round < 400; round++) {
            int size = 1 + random.nextInt(200);
            Object[][] table = randomTable(random, size);
            ColumnData[] columns = new ColumnData[TYPES.length];
            for (int c = 0; c < TYPES.length; c++) {
                columns[c] = columnData(TYPES[c], table, c);
            }
            Generated generated = condition(random, 3);
            Kernel kernel = ExpressionCompiler.compile(generated.expression());
            String description = "round " + round + ": " + generated.expression();

            BooleanData all = (BooleanData) kernel.evaluate(context(columns, size));
            for (int row = 0; row < size; row++) {
                assertThat(valueAt(all, row)).as("%s, row %d of all", description, row)
                        .isEqualTo(generated.reference().at(table[row]));
            }

            double share = random.nextDouble();
            int[] rows = new int[size];
            int count = 0;
            for (int row = 0; row < size; row++) {
                if (random.nextDouble() < share) {
                    rows[count++] = row;
                }
            }
            // a fresh context, so the selected path loads the columns itself
            BooleanData selected = (BooleanData) kernel.evaluateAt(context(columns, size), rows, count);
            assertThat(selected.size()).isEqualTo(count);
            for (int j = 0; j < count; j++) {
                assertThat(valueAt(selected, j)).as("%s, row %d selected as %d of %d", description, rows[j], j, count)
                        .isEqualTo(generated.reference().at(table[rows[j]]));
            }

            // as a filter: the TRUE rows, of all rows and of the subset (narrowed in place)
            int[] passed = new int[size];
            int passedCount = kernel.selectTrue(context(columns, size), null, size, passed);
            assertThat(Arrays.copyOf(passed, passedCount)).as("%s, TRUE rows of all", description)
                    .containsExactly(trueRows(generated, table, null, size));
            int[] expected = trueRows(generated, table, rows, count);
            int[] narrowed = Arrays.copyOf(rows, size);
            Kernel filter = ExpressionCompiler.compileFilter(generated.expression());
            int narrowedCount = filter.selectTrue(context(columns, size), narrowed, count, narrowed);
            assertThat(Arrays.copyOf(narrowed, narrowedCount)).as("%s, TRUE rows of %d selected", description, count)
                    .containsExactly(expected);
        }
    }

    /** The rows {@code rows[j]} (null: {@code j}) of {@code j < count} where the reference is TRUE. */
    private static int[] trueRows(Generated generated, Object[][] table, int[] rows, int count) {
        return java.util.stream.IntStream.range(0, count).map(j -> rows == null ? j : rows[j])
                .filter(row -> Boolean.TRUE.equals(generated.reference().at(table[row]))).toArray();
    }

    /**
     * An AND of tests that cannot fail filters by narrowing the rows test by test; lone bounds of a
     * 64-bit column become ranges open at one end, NULL rows never pass.
     */
    @Test
    void anAndOfSafeTestsSelectsTheRowsWhereEveryTestIsTrue() {
        ColumnReference quantity = new ColumnReference(0, ColumnType.BIGINT, true);
        ColumnReference shipped = new ColumnReference(1, ColumnType.DATE, true);
        Expression below = Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, quantity, new Literal(24L, ColumnType.BIGINT));
        Expression from = Call.of(Function.GREATER_THAN_OR_EQUAL, ColumnType.BOOLEAN, shipped,
                new Literal(LocalDate.of(1994, 1, 1), ColumnType.DATE));
        Expression above = Call.of(Function.GREATER_THAN, ColumnType.BOOLEAN, quantity,
                new Literal(Long.MAX_VALUE, ColumnType.BIGINT));
        Kernel kernel = ExpressionCompiler.compile(Call.of(Function.AND, ColumnType.BOOLEAN, below, from));
        assertThat(kernel).isInstanceOfSatisfying(LogicKernel.class, logic -> assertThat(logic.arguments())
                .extracting(argument -> (Object) argument.getClass())
                .containsExactly(RangeKernel.class, RangeKernel.class));
        long early = LocalDate.of(1993, 5, 1).toEpochDay();
        long inside = LocalDate.of(1994, 6, 1).toEpochDay();
        Object[][] table = {{23L, inside}, {24L, inside}, {null, inside}, {1L, null}, {Long.MIN_VALUE, early},
            {Long.MIN_VALUE, inside}, {-5L, LocalDate.of(1994, 1, 1).toEpochDay()}};
        ColumnData[] columns = {columnData(ColumnType.BIGINT, table, 0), columnData(ColumnType.DATE, table, 1)};
        int[] passed = new int[table.length];
        int count = kernel.selectTrue(context(columns, table.length), null, table.length, passed);
        assertThat(Arrays.copyOf(passed, count)).containsExactly(0, 5, 6);
        int[] rows = {1, 2, 5, 6};
        count = kernel.selectTrue(context(columns, table.length), rows, rows.length, rows);
        assertThat(Arrays.copyOf(rows, count)).containsExactly(5, 6);
        // alone, as a filter, a bound is a range too
        assertThat(ExpressionCompiler.compileFilter(below)).isInstanceOf(RangeKernel.class);
        assertThat(ExpressionCompiler.compile(below)).isInstanceOf(ComparisonKernel.class);
        Kernel lone = ExpressionCompiler.compileFilter(from);
        count = lone.selectTrue(context(columns, table.length), null, table.length, passed);
        assertThat(Arrays.copyOf(passed, count)).containsExactly(0, 1, 2, 5, 6);
        // x > MAX holds for no row
        Kernel none = ExpressionCompiler.compile(Call.of(Function.AND, ColumnType.BOOLEAN, above, from));
        assertThat(none.selectTrue(context(columns, table.length), null, table.length, passed)).isZero();
    }

    /** A division guarded by an OR nested in an AND only runs on the rows that reach it. */
    @Test
    void nestedGuardsKeepDivisionByZeroAway() {
        ColumnReference x = new ColumnReference(0, ColumnType.BIGINT, true);
        ColumnReference y = new ColumnReference(1, ColumnType.BIGINT, true);
        Literal zero = new Literal(0L, ColumnType.BIGINT);
        Expression quotientAboveOne = Call.of(Function.GREATER_THAN, ColumnType.BOOLEAN,
                Call.of(Function.DIVIDE, ColumnType.BIGINT, new Literal(10L, ColumnType.BIGINT), x),
                new Literal(1L, ColumnType.BIGINT));
        // y > 0 AND (x = 0 OR 10 / x > 1): x is 0 only where y > 0 fails or x = 0 decides the OR
        Expression condition = Call.of(Function.AND, ColumnType.BOOLEAN,
                Call.of(Function.GREATER_THAN, ColumnType.BOOLEAN, y, zero),
                Call.of(Function.OR, ColumnType.BOOLEAN, Call.of(Function.EQUAL, ColumnType.BOOLEAN, x, zero),
                        quotientAboveOne));
        Object[][] table = {{0L, -1L}, {0L, 1L}, {5L, 1L}, {20L, 1L}, {null, 1L}, {0L, null}, {4L, 2L}};
        ColumnData[] columns = {columnData(ColumnType.BIGINT, table, 0), columnData(ColumnType.BIGINT, table, 1)};
        BooleanData result = (BooleanData) ExpressionCompiler.compile(condition).evaluate(context(columns, table.length));
        List<Boolean> values = new ArrayList<>();
        for (int row = 0; row < table.length; row++) {
            values.add(valueAt(result, row));
        }
        assertThat(values).isEqualTo(Arrays.asList(false, true, true, false, null, null, true));
    }

    /** The front end's form of IN, equalities of one column OR-ed, compiles to one IN test; other ORs do not. */
    @Test
    void equalitiesOfOneColumnBecomeAnInTest() {
        ColumnReference x = new ColumnReference(0, ColumnType.VARCHAR, true);
        ColumnReference y = new ColumnReference(1, ColumnType.VARCHAR, true);
        Literal mail = new Literal("MAIL", ColumnType.VARCHAR);
        Literal ship = new Literal("SHIP", ColumnType.VARCHAR);
        assertThat(ExpressionCompiler.compile(Call.of(Function.OR, ColumnType.BOOLEAN,
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, x, mail), Call.of(Function.EQUAL, ColumnType.BOOLEAN, ship, x))))
                .isInstanceOf(InKernel.class);
        assertThat(ExpressionCompiler.compile(Call.of(Function.OR, ColumnType.BOOLEAN,
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, x, mail), Call.of(Function.EQUAL, ColumnType.BOOLEAN, y, ship))))
                .isInstanceOf(LogicKernel.class);
        assertThat(ExpressionCompiler.compile(Call.of(Function.OR, ColumnType.BOOLEAN,
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, x, mail),
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, x, Literal.nullOf(ColumnType.VARCHAR)))))
                .isInstanceOf(LogicKernel.class);
    }

    /** Equalities of one computed expression (TPC-H Q22's country code) become one IN test with the OR's values. */
    @Test
    void equalitiesOfOneExpressionBecomeAnInTestWithTheSameValues() {
        ColumnReference phone = new ColumnReference(0, ColumnType.VARCHAR, true);
        ColumnReference other = new ColumnReference(1, ColumnType.VARCHAR, true);
        Expression one = new Literal(1L, ColumnType.BIGINT);
        Expression two = new Literal(2L, ColumnType.BIGINT);
        Expression code = Call.of(Function.SUBSTRING, ColumnType.VARCHAR, phone, one, two);
        Expression condition = Call.of(Function.OR, ColumnType.BOOLEAN,
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, code, new Literal("13", ColumnType.VARCHAR)),
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, new Literal("31", ColumnType.VARCHAR), code),
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, code, new Literal("2", ColumnType.VARCHAR)));
        Kernel kernel = ExpressionCompiler.compile(condition);
        assertThat(kernel).isInstanceOf(InKernel.class);
        Object[][] table = {{"13-555"}, {"31-1"}, {"2"}, {"21-7"}, {null}, {""}, {"1"}, {"311"}};
        ColumnData[] columns = {columnData(ColumnType.VARCHAR, table, 0)};
        BooleanData result = (BooleanData) kernel.evaluate(context(columns, table.length));
        List<Boolean> values = new ArrayList<>();
        for (int row = 0; row < table.length; row++) {
            values.add(valueAt(result, row));
        }
        assertThat(values).isEqualTo(Arrays.asList(true, true, true, false, null, false, false, true));
        // another expression in one equality keeps the OR
        Expression otherCode = Call.of(Function.SUBSTRING, ColumnType.VARCHAR, other, one, two);
        assertThat(ExpressionCompiler.compile(Call.of(Function.OR, ColumnType.BOOLEAN,
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, code, new Literal("13", ColumnType.VARCHAR)),
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, otherCode, new Literal("31", ColumnType.VARCHAR)))))
                .isInstanceOf(LogicKernel.class);
    }

    /**
     * An AND runs its cheap tests first (a date range before a string IN list, TPC-H Q12), with the
     * same values; nothing moves past a test that can fail.
     */
    @Test
    void cheapTestsOfAnAndRunFirstButNeverPastOneThatCanFail() {
        ColumnReference mode = new ColumnReference(0, ColumnType.VARCHAR, true);
        ColumnReference shipped = new ColumnReference(1, ColumnType.DATE, true);
        ColumnReference received = new ColumnReference(2, ColumnType.DATE, true);
        Expression modeIn = Call.of(Function.OR, ColumnType.BOOLEAN,
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, mode, new Literal("MAIL", ColumnType.VARCHAR)),
                Call.of(Function.EQUAL, ColumnType.BOOLEAN, mode, new Literal("SHIP", ColumnType.VARCHAR)));
        Expression order = Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, shipped, received);
        Expression from = Call.of(Function.GREATER_THAN_OR_EQUAL, ColumnType.BOOLEAN, received,
                new Literal(LocalDate.of(1994, 1, 1), ColumnType.DATE));
        Expression to = Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, received,
                new Literal(LocalDate.of(1995, 1, 1), ColumnType.DATE));
        Kernel kernel = ExpressionCompiler.compile(Call.of(Function.AND, ColumnType.BOOLEAN, modeIn, order, from, to));
        assertThat(kernel).isInstanceOfSatisfying(LogicKernel.class, logic -> assertThat(logic.arguments())
                .extracting(argument -> (Object) argument.getClass())
                .containsExactly(RangeKernel.class, ComparisonKernel.class, InKernel.class));
        // dates as the kernels hold them: days since 1970-01-01
        long early = LocalDate.of(1993, 5, 1).toEpochDay();
        long inside = LocalDate.of(1994, 6, 1).toEpochDay();
        long later = LocalDate.of(1994, 7, 1).toEpochDay();
        Object[][] table = {{"MAIL", early, inside}, {"SHIP", later, inside}, {"AIR", early, inside},
            {null, early, inside}, {"MAIL", null, inside}, {"MAIL", early, null}, {"SHIP", inside, later},
            {"MAIL", inside, LocalDate.of(1995, 1, 1).toEpochDay()}, {null, null, early}};
        ColumnData[] columns = {columnData(ColumnType.VARCHAR, table, 0), columnData(ColumnType.DATE, table, 1),
            columnData(ColumnType.DATE, table, 2)};
        BooleanData result = (BooleanData) kernel.evaluate(context(columns, table.length));
        List<Boolean> values = new ArrayList<>();
        for (int row = 0; row < table.length; row++) {
            values.add(valueAt(result, row));
        }
        assertThat(values).isEqualTo(Arrays.asList(true, false, false, null, null, null, true, false, false));

        ColumnReference divisor = new ColumnReference(3, ColumnType.BIGINT, true);
        Expression division = Call.of(Function.GREATER_THAN, ColumnType.BOOLEAN,
                Call.of(Function.DIVIDE, ColumnType.BIGINT, new Literal(10L, ColumnType.BIGINT), divisor),
                new Literal(2L, ColumnType.BIGINT));
        Kernel guarded = ExpressionCompiler.compile(Call.of(Function.AND, ColumnType.BOOLEAN, modeIn, division, from));
        assertThat(guarded).isInstanceOfSatisfying(LogicKernel.class, logic -> assertThat(logic.arguments())
                .extracting(argument -> (Object) argument.getClass())
                .containsExactly(InKernel.class, ComparisonKernel.class, RangeKernel.class));
    }

    /** Bounds of one column in an AND, nested or apart, become one range test; bounds of two columns do not. */
    @Test
    void boundsOfOneColumnBecomeARangeTest() {
        ColumnReference x = new ColumnReference(0, ColumnType.DATE, true);
        ColumnReference y = new ColumnReference(1, ColumnType.DATE, true);
        Literal from = new Literal(LocalDate.of(1994, 1, 1), ColumnType.DATE);
        Literal to = new Literal(LocalDate.of(1995, 1, 1), ColumnType.DATE);
        Expression lower = Call.of(Function.GREATER_THAN_OR_EQUAL, ColumnType.BOOLEAN, x, from);
        Expression upper = Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, x, to);
        assertThat(ExpressionCompiler.compile(Call.of(Function.AND, ColumnType.BOOLEAN, lower, upper)))
                .isInstanceOf(RangeKernel.class);
        // nested as (lower AND upper) AND y IS NOT NULL: flattened, then fused, leaving two tests
        Expression other = Call.of(Function.IS_NOT_NULL, ColumnType.BOOLEAN, y);
        Kernel nested = ExpressionCompiler.compile(Call.of(Function.AND, ColumnType.BOOLEAN,
                Call.of(Function.AND, ColumnType.BOOLEAN, lower, upper), other));
        assertThat(nested).isInstanceOfSatisfying(LogicKernel.class,
                logic -> assertThat(logic.arguments()).hasSize(2).first().isInstanceOf(RangeKernel.class));
        assertThat(ExpressionCompiler.compile(Call.of(Function.AND, ColumnType.BOOLEAN, lower,
                Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, y, to)))).isInstanceOf(LogicKernel.class);
        // the upper bound moves forward past a comparison of columns, never past what can fail
        Kernel pastComparison = ExpressionCompiler.compile(Call.of(Function.AND, ColumnType.BOOLEAN, lower,
                Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, y, x), upper));
        assertThat(pastComparison).isInstanceOfSatisfying(LogicKernel.class,
                logic -> assertThat(logic.arguments()).hasSize(2).first().isInstanceOf(RangeKernel.class));
        ColumnReference n = new ColumnReference(2, ColumnType.BIGINT, true);
        Expression division = Call.of(Function.GREATER_THAN, ColumnType.BOOLEAN,
                Call.of(Function.DIVIDE, ColumnType.BIGINT, new Literal(10L, ColumnType.BIGINT), n),
                new Literal(2L, ColumnType.BIGINT));
        Kernel pastDivision = ExpressionCompiler.compile(Call.of(Function.AND, ColumnType.BOOLEAN, lower, division, upper));
        // each bound stays a test of its own (a range open at one end), on its side of the division
        assertThat(pastDivision).isInstanceOfSatisfying(LogicKernel.class, logic -> assertThat(logic.arguments())
                .extracting(argument -> (Object) argument.getClass())
                .containsExactly(RangeKernel.class, ComparisonKernel.class, RangeKernel.class));
    }

    private static EvaluationContext context(ColumnData[] columns, int size) {
        return EvaluationContext.ofLoader(size, columns.length, index -> columns[index]);
    }

    private static Boolean valueAt(BooleanData data, int row) {
        return data.isNull(row) ? null : data.values()[row];
    }

    // ---- random data: BIGINT and DATE and DECIMAL as Long (days, unscaled), VARCHAR String, DOUBLE Double

    private static Object[][] randomTable(Random random, int size) {
        double[] nullShare = new double[TYPES.length];
        for (int c = 0; c < TYPES.length; c++) {
            nullShare[c] = random.nextBoolean() ? 0 : random.nextDouble() * 0.5;
        }
        Object[][] table = new Object[size][TYPES.length];
        for (int row = 0; row < size; row++) {
            for (int c = 0; c < TYPES.length; c++) {
                table[row][c] = random.nextDouble() < nullShare[c] ? null : randomValue(random, TYPES[c]);
            }
        }
        return table;
    }

    private static Object randomValue(Random random, ColumnType type) {
        return switch (type.kind()) {
            case VARCHAR -> STRINGS[random.nextInt(STRINGS.length)];
            case DOUBLE -> DOUBLES[random.nextInt(DOUBLES.length)];
            case BOOLEAN -> random.nextBoolean();
            case DATE -> 9000L + random.nextInt(5);
            case DECIMAL -> 50L * (random.nextInt(7) - 3);
            default -> (long) random.nextInt(7) - 3;
        };
    }

    /** Column {@code c} of the table as the kernels see it; values at NULL rows are deliberately not zero. */
    private static ColumnData columnData(ColumnType type, Object[][] table, int c) {
        int size = table.length;
        boolean[] nulls = new boolean[size];
        boolean anyNull = false;
        for (int row = 0; row < size; row++) {
            nulls[row] = table[row][c] == null;
            anyNull |= nulls[row];
        }
        boolean[] flags = anyNull ? nulls : null;
        switch (type.kind()) {
            case VARCHAR -> {
                StringData.Builder builder = new StringData.Builder(size, 16 * size);
                for (Object[] row : table) {
                    builder.append(row[c] == null ? "garbage" : (String) row[c]);
                }
                StringData built = builder.build();
                return new StringData(built.offsets(), built.bytes(), flags, size);
            }
            case DOUBLE -> {
                double[] values = new double[size];
                for (int row = 0; row < size; row++) {
                    values[row] = table[row][c] == null ? 7.0 : (Double) table[row][c];
                }
                return new DoubleData(values, flags, size);
            }
            case BOOLEAN -> {
                boolean[] values = new boolean[size];
                for (int row = 0; row < size; row++) {
                    values[row] = table[row][c] == null || (Boolean) table[row][c];
                }
                return new BooleanData(values, flags, size);
            }
            default -> {
                long[] values = new long[size];
                for (int row = 0; row < size; row++) {
                    values[row] = table[row][c] == null ? 1 : (Long) table[row][c];
                }
                return new LongData(values, flags, size);
            }
        }
    }

    private static Literal literal(ColumnType type, Object value) {
        if (value == null) {
            return Literal.nullOf(type);
        }
        return switch (type.kind()) {
            case DATE -> new Literal(LocalDate.ofEpochDay((Long) value), type);
            case DECIMAL -> new Literal(BigDecimal.valueOf((Long) value, type.scale()), type);
            default -> new Literal(value, type);
        };
    }

    // ---- random conditions with their reference answers

    private static Generated condition(Random random, int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return leaf(random);
        }
        int kind = random.nextInt(5);
        if (kind == 0) {
            Generated argument = condition(random, depth - 1);
            return new Generated(Call.of(Function.NOT, ColumnType.BOOLEAN, argument.expression()), row -> {
                Boolean value = argument.reference().at(row);
                return value == null ? null : !value;
            });
        }
        boolean isAnd = kind <= 2;
        int count = 2 + random.nextInt(3);
        List<Generated> arguments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            arguments.add(condition(random, depth - 1));
        }
        Expression[] expressions = arguments.stream().map(Generated::expression).toArray(Expression[]::new);
        return new Generated(Call.of(isAnd ? Function.AND : Function.OR, ColumnType.BOOLEAN, expressions), row -> {
            boolean sawNull = false;
            for (Generated argument : arguments) {
                Boolean value = argument.reference().at(row);
                if (value == null) {
                    sawNull = true;
                } else if (value != isAnd) {
                    return !isAnd;
                }
            }
            return sawNull ? null : isAnd;
        });
    }

    private static Generated leaf(Random random) {
        int c = random.nextInt(TYPES.length - 1);
        ColumnType type = TYPES[c];
        ColumnReference column = new ColumnReference(c, type, true);
        Function function = COMPARISONS[random.nextInt(COMPARISONS.length)];
        switch (random.nextInt(11)) {
            case 0, 1 -> {
                // column <op> constant, sometimes written constant <op> column
                Object constant = randomValue(random, type);
                Literal literal = literal(type, constant);
                boolean constantFirst = random.nextInt(4) == 0;
                Expression call = constantFirst ? Call.of(function, ColumnType.BOOLEAN, literal, column)
                        : Call.of(function, ColumnType.BOOLEAN, column, literal);
                return new Generated(call, row -> constantFirst ? compare(function, constant, row[c])
                        : compare(function, row[c], constant));
            }
            case 2 -> {
                int partner = c % 2 == 0 ? c + 1 : c - 1;
                return new Generated(Call.of(function, ColumnType.BOOLEAN, column, new ColumnReference(partner, type, true)),
                        row -> compare(function, row[c], row[partner]));
            }
            case 3 -> {
                int itemCount = 1 + random.nextInt(4);
                List<Expression> arguments = new ArrayList<>(List.of(column));
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < itemCount; i++) {
                    Object item = random.nextInt(6) == 0 ? null : randomValue(random, type);
                    items.add(item);
                    arguments.add(literal(type, item));
                }
                return new Generated(Call.of(Function.IN, ColumnType.BOOLEAN, arguments.toArray(new Expression[0])), row -> {
                    Object value = row[c];
                    if (value == null) {
                        return null;
                    }
                    boolean sawNull = false;
                    for (Object item : items) {
                        if (item == null) {
                            sawNull = true;
                        } else if (compare(Function.EQUAL, value, item)) {
                            return true;
                        }
                    }
                    return sawNull ? null : false;
                });
            }
            case 4 -> {
                boolean isNull = random.nextBoolean();
                return new Generated(Call.of(isNull ? Function.IS_NULL : Function.IS_NOT_NULL, ColumnType.BOOLEAN, column),
                        row -> (row[c] == null) == isNull);
            }
            case 5 -> {
                ColumnReference flag = new ColumnReference(BOOLEAN_COLUMN, ColumnType.BOOLEAN, true);
                return switch (random.nextInt(3)) {
                    case 0 -> new Generated(flag, row -> (Boolean) row[BOOLEAN_COLUMN]);
                    case 1 -> new Generated(Call.of(Function.IS_TRUE, ColumnType.BOOLEAN, flag),
                            row -> Boolean.TRUE.equals(row[BOOLEAN_COLUMN]));
                    default -> new Generated(Call.of(Function.IS_FALSE, ColumnType.BOOLEAN, flag),
                            row -> Boolean.FALSE.equals(row[BOOLEAN_COLUMN]));
                };
            }
            case 6 -> {
                int text = 2 + random.nextInt(2);
                String pattern = PATTERNS[random.nextInt(PATTERNS.length)];
                Pattern regex = likeRegex(pattern);
                return new Generated(Call.of(Function.LIKE, ColumnType.BOOLEAN,
                        new ColumnReference(text, ColumnType.VARCHAR, true), new Literal(pattern, ColumnType.VARCHAR)),
                        row -> row[text] == null ? null : regex.matcher((String) row[text]).matches());
            }
            case 7 -> {
                // (x + 1) <op> constant: the argument is not a column, so it takes the gathering path
                ColumnReference x = new ColumnReference(0, ColumnType.BIGINT, true);
                long constant = random.nextInt(7) - 3;
                Expression sum = Call.of(Function.ADD, ColumnType.BIGINT, x, new Literal(1L, ColumnType.BIGINT));
                return new Generated(Call.of(function, ColumnType.BOOLEAN, sum, new Literal(constant, ColumnType.BIGINT)),
                        row -> row[0] == null ? null : compare(function, (Long) row[0] + 1, constant));
            }
            case 8 -> {
                // x = c1 OR x = c2 ...: compiled as one IN test unless a constant is NULL
                int itemCount = 2 + random.nextInt(3);
                List<Expression> equalities = new ArrayList<>();
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < itemCount; i++) {
                    Object item = random.nextInt(8) == 0 ? null : randomValue(random, type);
                    items.add(item);
                    Literal literal = literal(type, item);
                    equalities.add(random.nextBoolean() ? Call.of(Function.EQUAL, ColumnType.BOOLEAN, column, literal)
                            : Call.of(Function.EQUAL, ColumnType.BOOLEAN, literal, column));
                }
                return new Generated(Call.of(Function.OR, ColumnType.BOOLEAN, equalities.toArray(new Expression[0])), row -> {
                    boolean sawNull = false;
                    for (Object item : items) {
                        Boolean equal = compare(Function.EQUAL, row[c], item);
                        if (equal == null) {
                            sawNull = true;
                        } else if (equal) {
                            return true;
                        }
                    }
                    return sawNull ? null : false;
                });
            }
            case 9 -> {
                // a lower and an upper bound of one 64-bit column (fused into one range test), maybe with
                // another condition between them, maybe nested in another AND as the front end's BETWEEN is
                int[] longColumns = {0, 1, 6, 7, 8, 9};
                int b = longColumns[random.nextInt(longColumns.length)];
                ColumnType boundType = TYPES[b];
                ColumnReference bounded = new ColumnReference(b, boundType, true);
                Function lowerFunction = random.nextBoolean() ? Function.GREATER_THAN_OR_EQUAL : Function.GREATER_THAN;
                Function upperFunction = random.nextBoolean() ? Function.LESS_THAN_OR_EQUAL : Function.LESS_THAN;
                Object low = randomValue(random, boundType);
                Object high = randomValue(random, boundType);
                Expression lower = random.nextBoolean()
                        ? Call.of(ExpressionCompiler.mirrored(lowerFunction), ColumnType.BOOLEAN, literal(boundType, low), bounded)
                        : Call.of(lowerFunction, ColumnType.BOOLEAN, bounded, literal(boundType, low));
                Expression upper = Call.of(upperFunction, ColumnType.BOOLEAN, bounded, literal(boundType, high));
                List<Generated> parts = new ArrayList<>();
                parts.add(new Generated(lower, row -> compare(lowerFunction, row[b], low)));
                switch (random.nextInt(3)) {
                    case 0 -> parts.add(leaf(random));
                    case 1 -> {
                        // a third bound of the same column, of either direction
                        Function extraFunction = COMPARISONS[2 + random.nextInt(4)];
                        Object extra = randomValue(random, boundType);
                        parts.add(new Generated(Call.of(extraFunction, ColumnType.BOOLEAN, bounded, literal(boundType, extra)),
                                row -> compare(extraFunction, row[b], extra)));
                    }
                    default -> { }
                }
                parts.add(new Generated(upper, row -> compare(upperFunction, row[b], high)));
                if (random.nextBoolean()) {
                    Collections.reverse(parts);
                }
                Generated range = and(parts);
                return random.nextBoolean() ? range : and(List.of(range, leaf(random)));
            }
            default -> {
                // column <op> NULL is NULL everywhere
                return new Generated(Call.of(function, ColumnType.BOOLEAN, column, Literal.nullOf(type)), row -> null);
            }
        }
    }

    /** The AND of the parts, with its reference answer. */
    private static Generated and(List<Generated> parts) {
        Expression[] expressions = parts.stream().map(Generated::expression).toArray(Expression[]::new);
        return new Generated(Call.of(Function.AND, ColumnType.BOOLEAN, expressions), row -> {
            boolean sawNull = false;
            for (Generated part : parts) {
                Boolean value = part.reference().at(row);
                if (value == null) {
                    sawNull = true;
                } else if (!value) {
                    return false;
                }
            }
            return sawNull ? null : true;
        });
    }

    /** SQL's comparison of two values of one kind, NULL when either is NULL. */
    private static Boolean compare(Function function, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        int sign;
        if (left instanceof String l) {
            sign = Arrays.compareUnsigned(l.getBytes(StandardCharsets.UTF_8), ((String) right).getBytes(StandardCharsets.UTF_8));
        } else if (left instanceof Double l) {
            sign = Double.compare(l + 0.0, (Double) right + 0.0);
        } else {
            sign = Long.compare((Long) left, (Long) right);
        }
        return switch (function) {
            case EQUAL -> sign == 0;
            case NOT_EQUAL -> sign != 0;
            case LESS_THAN -> sign < 0;
            case LESS_THAN_OR_EQUAL -> sign <= 0;
            case GREATER_THAN -> sign > 0;
            case GREATER_THAN_OR_EQUAL -> sign >= 0;
            default -> throw new IllegalStateException(function.toString());
        };
    }

    /** LIKE as a regular expression over code points: % any sequence, _ one character. */
    private static Pattern likeRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        pattern.codePoints().forEach(codePoint -> {
            if (codePoint == '%') {
                regex.append(".*");
            } else if (codePoint == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(new String(Character.toChars(codePoint))));
            }
        });
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
