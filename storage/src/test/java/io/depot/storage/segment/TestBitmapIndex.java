package io.depot.storage.segment;

import static io.depot.storage.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.testing.AllocatorTest;
import io.depot.storage.testing.Batches;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

class TestBitmapIndex extends AllocatorTest {
    private static final TableSchema SCHEMA = TableSchema.of(
            Column.nullable("city", ColumnType.VARCHAR),
            Column.nullable("small", ColumnType.INTEGER),
            Column.nullable("amount", ColumnType.decimal(10, 2)),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("id", ColumnType.BIGINT),
            Column.nullable("ratio", ColumnType.DOUBLE));
    private static final int BLOCK_ROWS = 1024;
    private static final List<Object> CITIES = Arrays.asList("서울", "", "부산", "a", "B", "서울특별시", "z", null);
    private static final List<Object> SMALLS = Arrays.asList(-3, 0, 1, 2, 5, Integer.MAX_VALUE, null);
    private static final List<Object> AMOUNTS = Arrays.asList(
            new BigDecimal("-1.50"), new BigDecimal("0.00"), new BigDecimal("12.25"), null);
    private static final List<Object> DAYS = Arrays.asList(
            LocalDate.of(1969, 12, 31), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1), null);

    @TempDir
    Path directory;

    @Test
    void randomPredicatesSelectExactlyTheRowsWhereTheyAreTrue() {
        Random random = new Random(7);
        List<List<Object>> rows = randomRows(random, 3 * BLOCK_ROWS + 100);
        Path file = directory.resolve("indexed.dseg");
        write(file, rows);

        try (SegmentReader reader = SegmentReader.open(file)) {
            for (int block = 0; block < reader.blockCount(); block++) {
                for (int column = 0; column < 4; column++) {
                    assertThat(reader.hasBitmapIndex(block, column)).as("block %d column %d", block, column).isTrue();
                }
                // Unique ids have too many values for an index; doubles never get one, even when asked.
                assertThat(reader.hasBitmapIndex(block, 4)).isFalse();
                assertThat(reader.hasBitmapIndex(block, 5)).isFalse();
            }
            for (int round = 0; round < 400; round++) {
                RowPredicate predicate = randomPredicate(random, 3);
                for (int block = 0; block < reader.blockCount(); block++) {
                    int first = block * BLOCK_ROWS;
                    List<List<Object>> blockRows = rows.subList(first, first + reader.blockRowCount(block));
                    RoaringBitmap expected = new RoaringBitmap();
                    for (int row = 0; row < blockRows.size(); row++) {
                        if (Boolean.TRUE.equals(evaluate(predicate, blockRows.get(row)))) {
                            expected.add(row);
                        }
                    }
                    assertThat(reader.selectRows(block, predicate)).as("%s in block %d", predicate, block)
                            .contains(expected);
                }
            }
        }
    }

    @Test
    void onlyVarcharColumnsAreIndexedByDefault() {
        Path file = directory.resolve("default.dseg");
        try (SegmentWriter writer = SegmentWriter.create(file, SCHEMA, BLOCK_ROWS);
                VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, randomRows(new Random(2), 100))) {
            writer.append(batch);
            writer.finish();
        }
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertThat(reader.hasBitmapIndex(0, 0)).isTrue();
            for (int column = 1; column < SCHEMA.size(); column++) {
                assertThat(reader.hasBitmapIndex(0, column)).isFalse();
            }
        }
    }

    @Test
    void columnsWithoutAnIndexGiveNoSelection() {
        Random random = new Random(3);
        Path file = directory.resolve("unindexed.dseg");
        write(file, randomRows(random, 100));
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertThat(reader.selectRows(0, RowPredicate.and(RowPredicate.equal(0, "a"), RowPredicate.equal(4, 1L))))
                    .isEmpty();
        }
    }

    @Test
    void refusesValuesOfAnotherType() {
        Path file = directory.resolve("typed.dseg");
        write(file, randomRows(new Random(1), 50));
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertThatThrownBy(() -> reader.selectRows(0, RowPredicate.equal(1, 3L)))
                    .isInstanceOfSatisfying(DepotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER))
                    .hasMessage("Predicate on column[small] INTEGER compares it with a Long");
        }
    }

    @Test
    void damagedIndexIsCorruptionNamingTheBlock() throws IOException {
        Path file = directory.resolve("damaged.dseg");
        write(file, randomRows(new Random(5), 2 * BLOCK_ROWS));
        long offset;
        try (SegmentReader reader = SegmentReader.open(file)) {
            offset = reader.footer().blocks().get(1).columns().get(0).index().offset();
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(offset + 3);
            int value = raw.read();
            raw.seek(offset + 3);
            raw.write(value ^ 0x10);
        }
        try (SegmentReader reader = SegmentReader.open(file)) {
            assertThat(reader.selectRows(0, RowPredicate.equal(0, "a"))).isPresent();
            assertThatThrownBy(() -> reader.selectRows(1, RowPredicate.equal(0, "a")))
                    .isInstanceOfSatisfying(DepotException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTION))
                    .hasMessage("Segment[" + file + "] column[city] block[1] bitmap index failed its checksum");
            // The data itself is intact and still reads.
            try (VectorSchemaRoot root = reader.readBlock(1, new int[] {0}, allocator)) {
                assertThat(root.getRowCount()).isEqualTo(BLOCK_ROWS);
            }
        }
    }

    private static List<List<Object>> randomRows(Random random, int count) {
        List<List<Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(row(pick(random, CITIES), pick(random, SMALLS), pick(random, AMOUNTS), pick(random, DAYS),
                    (long) i, random.nextDouble()));
        }
        return rows;
    }

    private static Object pick(Random random, List<Object> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static RowPredicate randomPredicate(Random random, int depth) {
        int choice = random.nextInt(depth > 0 ? 8 : 5);
        int column = random.nextInt(4);
        List<Object> pool = List.of(CITIES, SMALLS, AMOUNTS, DAYS).get(column);
        return switch (choice) {
            case 0, 1 -> new RowPredicate.Compare(column,
                    RowPredicate.Comparison.values()[random.nextInt(RowPredicate.Comparison.values().length)],
                    probe(random, column, pool));
            case 2 -> RowPredicate.in(column, probe(random, column, pool), probe(random, column, pool));
            case 3 -> new RowPredicate.IsNull(column, random.nextBoolean());
            case 4 -> RowPredicate.equal(column, probe(random, column, pool));
            case 5 -> RowPredicate.and(randomPredicate(random, depth - 1), randomPredicate(random, depth - 1));
            case 6 -> RowPredicate.or(randomPredicate(random, depth - 1), randomPredicate(random, depth - 1),
                    randomPredicate(random, depth - 1));
            default -> RowPredicate.not(randomPredicate(random, depth - 1));
        };
    }

    /** A value from the pool, or sometimes one between or outside its values. */
    private static Object probe(Random random, int column, List<Object> pool) {
        if (random.nextInt(4) > 0) {
            return pick(random, pool);
        }
        return switch (column) {
            case 0 -> List.of("서", "", "A", "zz", "부산광역시").get(random.nextInt(5));
            case 1 -> random.nextInt(11) - 5;
            case 2 -> new BigDecimal(random.nextInt(3000) - 1500).movePointLeft(2);
            default -> LocalDate.of(2024, 2, 28).plusDays(random.nextInt(4));
        };
    }

    /** Row-by-row SQL semantics: null is UNKNOWN. */
    private static Boolean evaluate(RowPredicate predicate, List<Object> row) {
        if (predicate instanceof RowPredicate.Compare compare) {
            Object value = row.get(compare.column());
            if (value == null || compare.value() == null) {
                return null;
            }
            int sign = compare(value, compare.value());
            return switch (compare.comparison()) {
                case EQUAL -> sign == 0;
                case NOT_EQUAL -> sign != 0;
                case LESS_THAN -> sign < 0;
                case LESS_THAN_OR_EQUAL -> sign <= 0;
                case GREATER_THAN -> sign > 0;
                case GREATER_THAN_OR_EQUAL -> sign >= 0;
            };
        }
        if (predicate instanceof RowPredicate.In in) {
            Object value = row.get(in.column());
            boolean sawNull = value == null;
            for (Object item : in.values()) {
                if (item == null) {
                    sawNull = true;
                } else if (value != null && compare(value, item) == 0) {
                    return true;
                }
            }
            return sawNull ? null : false;
        }
        if (predicate instanceof RowPredicate.IsNull isNull) {
            return (row.get(isNull.column()) == null) != isNull.negated();
        }
        if (predicate instanceof RowPredicate.And and) {
            Boolean result = true;
            for (RowPredicate operand : and.operands()) {
                Boolean next = evaluate(operand, row);
                if (Boolean.FALSE.equals(next)) {
                    return false;
                }
                result = next == null ? null : result;
            }
            return result;
        }
        if (predicate instanceof RowPredicate.Or or) {
            Boolean result = false;
            for (RowPredicate operand : or.operands()) {
                Boolean next = evaluate(operand, row);
                if (Boolean.TRUE.equals(next)) {
                    return true;
                }
                result = next == null ? null : result;
            }
            return result;
        }
        Boolean operand = evaluate(((RowPredicate.Not) predicate).operand(), row);
        return operand == null ? null : !operand;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object left, Object right) {
        if (left instanceof String text) {
            return Arrays.compareUnsigned(text.getBytes(StandardCharsets.UTF_8),
                    ((String) right).getBytes(StandardCharsets.UTF_8));
        }
        return ((Comparable) left).compareTo(right);
    }

    private void write(Path file, List<List<Object>> rows) {
        try (SegmentWriter writer = SegmentWriter.create(file, SCHEMA, BLOCK_ROWS, Set.of(0, 1, 2, 3, 4, 5));
                VectorSchemaRoot batch = Batches.root(SCHEMA, allocator, rows)) {
            writer.append(batch);
            writer.finish();
        }
    }
}
