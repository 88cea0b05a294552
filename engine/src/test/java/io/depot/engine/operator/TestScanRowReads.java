package io.depot.engine.operator;

import static io.depot.engine.testing.QueryTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.batch.Batch;
import io.depot.engine.expression.Call;
import io.depot.engine.expression.ColumnReference;
import io.depot.engine.expression.Expression;
import io.depot.engine.expression.Function;
import io.depot.engine.expression.Literal;
import io.depot.engine.plan.FilterNode;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * A filter column first read where earlier conditions left few rows of a block open is read at
 * those rows only ({@link ScanOperator#ROW_READ_DIVISOR_PROPERTY}): random filters over columns
 * stored in every encoding the writer picks (DELTA keys, RUN_LENGTH groups, FRAME_OF_REFERENCE
 * dates, decimals and integers, DICTIONARY and LENGTHS text, PLAIN doubles), with NULLs, deleted
 * rows (a block mostly deleted among them) and blocks cut at segment ends, give the same rows
 * whether columns are read at the open rows always, at 1/4 (the default) or 1/32 of a block, or
 * never, and the same rows as filtering a plain scan.
 */
class TestScanRowReads extends AllocatorTest {
    private static final ColumnType MONEY = ColumnType.decimal(12, 2);
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("key", ColumnType.BIGINT),
            Column.nullable("grp", ColumnType.BIGINT),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("price", MONEY),
            Column.nullable("mode", ColumnType.VARCHAR),
            Column.nullable("note", ColumnType.VARCHAR),
            Column.nullable("ratio", ColumnType.DOUBLE),
            Column.nullable("flag", ColumnType.BOOLEAN),
            Column.nullable("qty", ColumnType.INTEGER));
    private static final List<ColumnType> TYPES = SCHEMA.columns().stream().map(Column::type).toList();
    private static final String[] MODES = {"AIR", "MAIL", "SHIP", "TRUCK", "RAIL", "FOB", "REG AIR"};
    private static final LocalDate START = LocalDate.of(1995, 1, 1);
    private static final int DAYS = 1_000;
    private static final List<Integer> PROJECTION = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8);

    private static Database database;
    private static Snapshot snapshot;

    @BeforeAll
    static void writeTable() {
        database = Database.temporary();
        Random random = new Random(41);
        // one segment of three blocks (the last one short), then a segment of one block
        append(random, 0, 150_000);
        append(random, 150_000, 170_000);
        Snapshot loaded = database.table("t").orElseThrow().snapshot();
        try (TableWriter writer = database.beginWrite("t", null)) {
            RoaringBitmap deleted = new RoaringBitmap();
            for (int i = 0; i < 3_000; i++) {
                deleted.add(random.nextInt(150_000));
            }
            // a run of deleted rows across the first block boundary
            deleted.add(65_000L, 66_000L);
            // all but 1/5 of the third block: too many rows left to read every projected column at
            // them (1/8), few enough to read the filter's columns at them (1/4)
            for (int row = 131_072; row < 150_000; row++) {
                if (row % 5 != 0) {
                    deleted.add(row);
                }
            }
            writer.delete(loaded.segmentId(0), deleted);
            writer.commit();
        }
        snapshot = database.table("t").orElseThrow().snapshot();
    }

    private static void append(Random random, int from, int to) {
        try (TableWriter writer = database.beginWrite("t", SCHEMA);
                VectorSchemaRoot root = ArrowTypes.createRoot(SCHEMA, database.allocator())) {
            root.allocateNew();
            for (int key = from; key < to; key++) {
                int row = key - from;
                set(root, 0, row, (long) key * 3);
                set(root, 1, row, (long) key / 16);
                set(root, 2, row, random.nextInt(20) == 0 ? null : START.plusDays(random.nextInt(DAYS)));
                set(root, 3, row, random.nextInt(20) == 0 ? null : BigDecimal.valueOf(random.nextInt(1_000_000), 2));
                set(root, 4, row, random.nextInt(15) == 0 ? null : MODES[random.nextInt(MODES.length)]);
                set(root, 5, row, random.nextInt(25) == 0 ? null : "note " + random.nextInt(1_000_000) + " 서울");
                set(root, 6, row, random.nextInt(30) == 0 ? null : random.nextDouble());
                set(root, 7, row, random.nextInt(10) == 0 ? null : key % 3 == 0);
                set(root, 8, row, random.nextInt(40) == 0 ? null : 1 + random.nextInt(50));
            }
            root.setRowCount(to - from);
            writer.append(root);
            writer.commit();
        }
    }

    private static void set(VectorSchemaRoot root, int column, int row, Object value) {
        ArrowValues.set(root.getVector(column), TYPES.get(column), row, value);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void randomFiltersGiveTheSameRowsWhetherColumnsAreReadAtOpenRowsOrWhole() {
        Random random = new Random(7);
        long readAtRows = 0;
        for (int round = 0; round < 60; round++) {
            Expression filter = random.nextInt(4) == 0
                    ? Call.of(Function.OR, ColumnType.BOOLEAN, conjunction(random), conjunction(random))
                    : conjunction(random);
            List<List<Object>> expected = run(allocator,
                    new FilterNode(new ScanNode(snapshot, PROJECTION, Optional.empty()), filter));
            ScanNode pushed = new ScanNode(snapshot, PROJECTION, Optional.of(filter));
            for (String divisor : new String[] {"0", "1", "4", "32"}) {
                String previous = System.setProperty(ScanOperator.ROW_READ_DIVISOR_PROPERTY, divisor);
                try {
                    assertThat(run(allocator, pushed)).as("divisor %s filter %s", divisor, filter)
                            .isEqualTo(expected);
                    if (divisor.equals("1")) {
                        try (ScanOperator scan = new ScanOperator(pushed, allocator)) {
                            drain(scan);
                            readAtRows += scan.statistics().columnsReadAtRows();
                        }
                    }
                } finally {
                    restore(previous);
                }
            }
        }
        assertThat(readAtRows).isPositive();
    }

    @Test
    void aSelectiveFirstConditionReadsTheOtherFilterColumnsAtItsRowsOnly() {
        // about 2% of the days, then a price and a mode test on the rows left
        Expression filter = Call.of(Function.AND, ColumnType.BOOLEAN,
                Call.of(Function.GREATER_THAN_OR_EQUAL, ColumnType.BOOLEAN, column(2), day(100)),
                Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, column(2), day(120)),
                Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, column(3), new Literal(new BigDecimal("5000.00"), MONEY)),
                Call.of(Function.IN, ColumnType.BOOLEAN, column(4), text("MAIL"), text("SHIP")));
        ScanNode pushed = new ScanNode(snapshot, PROJECTION, Optional.of(filter));
        List<List<Object>> expected = run(allocator,
                new FilterNode(new ScanNode(snapshot, PROJECTION, Optional.empty()), filter));
        assertThat(expected).isNotEmpty();
        assertThat(run(allocator, pushed)).isEqualTo(expected);
        try (ScanOperator scan = new ScanOperator(pushed, allocator)) {
            drain(scan);
            // price and mode in each of the four blocks, and day too in the mostly deleted one
            assertThat(scan.statistics().columnsReadAtRows()).isEqualTo(9);
            // 2% of the days for price (a filter's AND drops the NULL days at once: they cannot
            // pass), about half as many for mode: far from the 2 x 170,000 rows of reading them whole
            assertThat(scan.statistics().rowsReadAtRows()).isBetween(170_000 / 40L, 170_000 / 12L);
        }
        String previous = System.setProperty(ScanOperator.ROW_READ_DIVISOR_PROPERTY, "0");
        try (ScanOperator scan = new ScanOperator(pushed, allocator)) {
            drain(scan);
            assertThat(scan.statistics().columnsReadAtRows()).isZero();
        } finally {
            restore(previous);
        }
    }

    /** A selective-or-not first condition, then one to three conditions on any columns. */
    private static Expression conjunction(Random random) {
        List<Expression> arguments = new ArrayList<>();
        if (random.nextBoolean()) {
            int first = random.nextInt(DAYS);
            int width = 1 + random.nextInt(random.nextBoolean() ? 30 : 400);
            arguments.add(Call.of(Function.GREATER_THAN_OR_EQUAL, ColumnType.BOOLEAN, column(2), day(first)));
            arguments.add(Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, column(2), day(first + width)));
        } else {
            long low = random.nextInt(170_000) * 3L;
            arguments.add(Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, column(0),
                    new Literal(low + random.nextInt(20_000) * 3L, ColumnType.BIGINT)));
            arguments.add(Call.of(Function.GREATER_THAN_OR_EQUAL, ColumnType.BOOLEAN, column(0),
                    new Literal(low, ColumnType.BIGINT)));
        }
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            arguments.add(condition(random));
        }
        return Call.of(Function.AND, ColumnType.BOOLEAN, arguments.toArray(Expression[]::new));
    }

    private static Expression condition(Random random) {
        return switch (random.nextInt(11)) {
            case 0 -> Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, column(3),
                    new Literal(BigDecimal.valueOf(random.nextInt(1_000_000), 2), MONEY));
            case 1 -> Call.of(Function.IN, ColumnType.BOOLEAN, column(4), text(MODES[random.nextInt(MODES.length)]),
                    text(MODES[random.nextInt(MODES.length)]));
            case 2 -> Call.of(Function.LIKE, ColumnType.BOOLEAN, column(5), text("%" + random.nextInt(10) + " 서%"));
            case 3 -> Call.of(Function.GREATER_THAN, ColumnType.BOOLEAN, column(6),
                    new Literal(random.nextDouble(), ColumnType.DOUBLE));
            case 4 -> Call.of(random.nextBoolean() ? Function.IS_TRUE : Function.IS_FALSE, ColumnType.BOOLEAN,
                    column(7));
            case 5 -> Call.of(Function.LESS_THAN_OR_EQUAL, ColumnType.BOOLEAN, column(8),
                    new Literal(random.nextInt(55), ColumnType.INTEGER));
            case 6 -> Call.of(random.nextBoolean() ? Function.IS_NULL : Function.IS_NOT_NULL, ColumnType.BOOLEAN,
                    column(random.nextInt(TYPES.size())));
            case 7 -> Call.of(Function.EQUAL, ColumnType.BOOLEAN, Call.of(Function.MODULO, ColumnType.BIGINT,
                    column(1), new Literal(3L, ColumnType.BIGINT)), new Literal((long) random.nextInt(3), ColumnType.BIGINT));
            case 8 -> Call.of(Function.NOT, ColumnType.BOOLEAN, Call.of(Function.EQUAL, ColumnType.BOOLEAN, column(4),
                    text(MODES[random.nextInt(MODES.length)])));
            case 9 -> Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, column(8), Call.of(Function.ADD,
                    ColumnType.INTEGER, column(8), new Literal(random.nextInt(3) - 1, ColumnType.INTEGER)));
            default -> Call.of(Function.OR, ColumnType.BOOLEAN, condition(random), condition(random));
        };
    }

    private static ColumnReference column(int index) {
        return new ColumnReference(index, TYPES.get(index), true);
    }

    private static Literal day(int offset) {
        return new Literal(START.plusDays(offset), ColumnType.DATE);
    }

    private static Literal text(String value) {
        return new Literal(value, ColumnType.VARCHAR);
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(ScanOperator.ROW_READ_DIVISOR_PROPERTY);
        } else {
            System.setProperty(ScanOperator.ROW_READ_DIVISOR_PROPERTY, previous);
        }
    }

    private static void drain(ScanOperator scan) {
        Batch batch;
        while ((batch = scan.next()) != null) {
            batch.close();
        }
    }
}
