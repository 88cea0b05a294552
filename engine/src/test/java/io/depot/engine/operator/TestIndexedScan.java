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
import io.depot.engine.scan.IndexFilter;
import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.TableWriter;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
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
 * The scan's bitmap-index path against plain evaluation: the same filter pushed into the scan
 * (answered from indexes where the blocks have them) and applied by a FilterNode above an
 * unfiltered scan must give the same rows in the same order, with deleted rows left out of both.
 * Block 1 of the table has unique city names, so it has no index on that column and falls back.
 */
class TestIndexedScan extends AllocatorTest {
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("city", ColumnType.VARCHAR),
            Column.nullable("qty", ColumnType.INTEGER),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("price", ColumnType.DOUBLE));
    private static final String[] CITIES = {"서울", "", "부산", "Seoul", "인천", "a"};
    private static final int ROWS = 75_000;
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    private static Database database;
    private static Snapshot snapshot;

    @BeforeAll
    static void writeTable() {
        database = Database.temporary();
        Random random = new Random(11);
        try (TableWriter writer = database.beginWrite("t", SCHEMA);
                VectorSchemaRoot root = ArrowTypes.createRoot(SCHEMA, database.allocator())) {
            writer.setIndexedColumns(List.of("city", "qty", "day"));
            root.allocateNew();
            for (int row = 0; row < ROWS; row++) {
                boolean uniqueCities = row >= 65_536;
                String city = random.nextInt(10) == 0 ? null
                        : uniqueCities ? "도시" + row : CITIES[random.nextInt(CITIES.length)];
                ArrowValues.set(root.getVector(0), ColumnType.VARCHAR, row, city);
                ArrowValues.set(root.getVector(1), ColumnType.INTEGER, row,
                        random.nextInt(15) == 0 ? null : random.nextInt(25) - 5);
                ArrowValues.set(root.getVector(2), ColumnType.DATE, row,
                        random.nextInt(20) == 0 ? null : START.plusDays(random.nextInt(300)));
                ArrowValues.set(root.getVector(3), ColumnType.DOUBLE, row, random.nextDouble());
            }
            root.setRowCount(ROWS);
            writer.append(root);
            writer.commit();
        }
        Snapshot loaded = database.table("t").orElseThrow().snapshot();
        try (TableWriter writer = database.beginWrite("t", null)) {
            RoaringBitmap deleted = new RoaringBitmap();
            for (int i = 0; i < 3_000; i++) {
                deleted.add(random.nextInt(ROWS));
            }
            writer.delete(loaded.segmentId(0), deleted);
            writer.commit();
        }
        snapshot = database.table("t").orElseThrow().snapshot();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void randomFiltersGiveTheSameRowsWithAndWithoutTheIndexes() {
        Random random = new Random(5);
        List<Integer> projection = List.of(3, 0, 1, 2);
        long blocksSelectedByIndex = 0;
        for (int round = 0; round < 40; round++) {
            Expression filter = randomFilter(random, 2);
            ScanNode pushed = new ScanNode(snapshot, projection, Optional.of(filter));
            List<List<Object>> expected = run(allocator,
                    new FilterNode(new ScanNode(snapshot, projection, Optional.empty()), filter));
            assertThat(run(allocator, pushed)).as("%s", filter).isEqualTo(expected);
            try (ScanOperator scan = new ScanOperator(pushed, allocator)) {
                drain(scan);
                blocksSelectedByIndex += scan.statistics().blocksSelectedByIndex();
            }
        }
        assertThat(blocksSelectedByIndex).isPositive();
    }

    @Test
    void sparseSelectionsReadOnlyTheirRowsWithTheSameAnswer() {
        // One day of 300 is about 0.3% of a block: the scan reads just those rows of every column
        // (bit-packed ones gathered, the others decoded and copied), deleted rows left out.
        List<Integer> projection = List.of(3, 0, 1, 2);
        for (int day = 0; day < 300; day += 37) {
            Expression filter = Call.of(Function.EQUAL, ColumnType.BOOLEAN, column(3),
                    new Literal(START.plusDays(day), ColumnType.DATE));
            List<List<Object>> expected = run(allocator,
                    new FilterNode(new ScanNode(snapshot, projection, Optional.empty()), filter));
            assertThat(expected).isNotEmpty();
            assertThat(run(allocator, new ScanNode(snapshot, projection, Optional.of(filter)))).as("day %d", day)
                    .isEqualTo(expected);
        }
    }

    @Test
    void deletedRowsAreLeftOutOfUnfilteredScans() {
        assertThat(run(allocator, new ScanNode(snapshot, List.of(1), Optional.empty()))).hasSize(
                (int) snapshot.rowCount());
        assertThat(snapshot.rowCount()).isLessThan(ROWS).isGreaterThan(ROWS - 3_000);
    }

    @Test
    void equalityOnAnIndexedColumnSkipsBlocksWithoutTheValue() {
        // Only block 1 has cities named like this, and its city column has no index: block 0
        // (whose zone map spans the value) is answered from its index and skipped without
        // decoding; block 1 is decoded and filtered.
        ColumnReference city = new ColumnReference(0, ColumnType.VARCHAR, true);
        Expression filter = Call.of(Function.EQUAL, ColumnType.BOOLEAN, city, new Literal("도시70000", ColumnType.VARCHAR));
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(0), Optional.of(filter)), allocator)) {
            assertThat(drain(scan)).isEqualTo(countCity("도시70000"));
            assertThat(scan.statistics().blocksSelectedByIndex()).isEqualTo(1);
            assertThat(scan.statistics().blocksRead()).isEqualTo(1);
        }
        Expression seoul = Call.of(Function.EQUAL, ColumnType.BOOLEAN, city, new Literal("Seoul", ColumnType.VARCHAR));
        try (ScanOperator scan = new ScanOperator(new ScanNode(snapshot, List.of(0), Optional.of(seoul)), allocator)) {
            long rows = drain(scan);
            assertThat(rows).isPositive();
            assertThat(scan.statistics().blocksSelectedByIndex()).isEqualTo(1);
            assertThat(scan.statistics().blocksSkipped()).isEqualTo(1);
        }
    }

    @Test
    void conjunctsOnUnindexedColumnsStayResidual() {
        ColumnReference city = new ColumnReference(1, ColumnType.VARCHAR, true);
        ColumnReference price = new ColumnReference(0, ColumnType.DOUBLE, true);
        Expression indexable = Call.of(Function.EQUAL, ColumnType.BOOLEAN, city, new Literal("서울", ColumnType.VARCHAR));
        Expression residual = Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, price, new Literal(0.5, ColumnType.DOUBLE));
        IndexFilter split = IndexFilter.forFilter(Call.of(Function.AND, ColumnType.BOOLEAN, indexable, residual),
                List.of(3, 0));
        assertThat(split.indexed()).isPresent();
        assertThat(split.indexed().get().columns()).containsExactly(0);
        assertThat(split.residual()).contains(residual);
    }

    private long countCity(String name) {
        ColumnReference city = new ColumnReference(0, ColumnType.VARCHAR, true);
        Expression filter = Call.of(Function.EQUAL, ColumnType.BOOLEAN, city, new Literal(name, ColumnType.VARCHAR));
        return run(allocator, new FilterNode(new ScanNode(snapshot, List.of(0), Optional.empty()), filter)).size();
    }

    private static long drain(ScanOperator scan) {
        long rows = 0;
        Batch batch;
        while ((batch = scan.next()) != null) {
            rows += batch.rowCount();
            batch.close();
        }
        return rows;
    }

    /** A filter over the projection (price, city, qty, day). */
    private static Expression randomFilter(Random random, int depth) {
        int choice = random.nextInt(depth > 0 ? 9 : 6);
        return switch (choice) {
            case 0, 1 -> comparison(random);
            case 2 -> {
                int column = 1 + random.nextInt(3);
                List<Expression> arguments = new ArrayList<>();
                arguments.add(column(column));
                for (int i = 0; i < 1 + random.nextInt(3); i++) {
                    arguments.add(random.nextInt(8) == 0 ? Literal.nullOf(column(column).type()) : literal(random, column));
                }
                yield new Call(Function.IN, arguments, ColumnType.BOOLEAN, true);
            }
            case 3 -> Call.of(random.nextBoolean() ? Function.IS_NULL : Function.IS_NOT_NULL, ColumnType.BOOLEAN,
                    column(1 + random.nextInt(3)));
            case 4 -> Call.of(Function.LESS_THAN, ColumnType.BOOLEAN, column(0),
                    new Literal(random.nextDouble(), ColumnType.DOUBLE));
            case 5 -> comparison(random);
            case 6 -> Call.of(Function.AND, ColumnType.BOOLEAN, randomFilter(random, depth - 1),
                    randomFilter(random, depth - 1));
            case 7 -> Call.of(Function.OR, ColumnType.BOOLEAN, randomFilter(random, depth - 1),
                    randomFilter(random, depth - 1));
            default -> Call.of(Function.NOT, ColumnType.BOOLEAN, randomFilter(random, depth - 1));
        };
    }

    private static Expression comparison(Random random) {
        Function[] comparisons = {Function.EQUAL, Function.NOT_EQUAL, Function.LESS_THAN, Function.LESS_THAN_OR_EQUAL,
                Function.GREATER_THAN, Function.GREATER_THAN_OR_EQUAL};
        Function function = comparisons[random.nextInt(comparisons.length)];
        int column = 1 + random.nextInt(3);
        Literal literal = random.nextInt(20) == 0 ? Literal.nullOf(column(column).type()) : literal(random, column);
        return random.nextBoolean() ? Call.of(function, ColumnType.BOOLEAN, column(column), literal)
                : Call.of(function, ColumnType.BOOLEAN, literal, column(column));
    }

    private static ColumnReference column(int index) {
        ColumnType type = List.of(ColumnType.DOUBLE, ColumnType.VARCHAR, ColumnType.INTEGER, ColumnType.DATE).get(index);
        return new ColumnReference(index, type, true);
    }

    private static Literal literal(Random random, int column) {
        return switch (column) {
            case 1 -> new Literal(random.nextInt(4) == 0 ? "서" : CITIES[random.nextInt(CITIES.length)], ColumnType.VARCHAR);
            case 2 -> new Literal(random.nextInt(30) - 7, ColumnType.INTEGER);
            default -> new Literal(START.plusDays(random.nextInt(320) - 10), ColumnType.DATE);
        };
    }
}
