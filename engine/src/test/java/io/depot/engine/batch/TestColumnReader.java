package io.depot.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/** Round trips through ColumnReader and ColumnWriter for every kind, with NULLs and selections. */
class TestColumnReader extends AllocatorTest {
    private static final int ROWS = 1_000;

    private static Object value(ColumnType type, int row) {
        if (row % 7 == 3) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> row % 3 == 0;
            case INTEGER -> row * 31 - 5_000;
            case BIGINT -> (long) row * 1_000_000_007L;
            case DOUBLE -> row / 8.0;
            case DECIMAL -> BigDecimal.valueOf(row * 101L - 7, type.scale());
            case DATE -> LocalDate.of(1960, 1, 1).plusDays(row * 13L);
            case TIMESTAMP -> LocalDateTime.of(1969, 12, 31, 23, 0).plusNanos(row * 1_234_567_000L);
            case VARCHAR -> row % 5 == 0 ? "" : "값-" + row;
        };
    }

    private static final List<ColumnType> TYPES = List.of(ColumnType.BOOLEAN, ColumnType.INTEGER, ColumnType.BIGINT,
            ColumnType.DOUBLE, ColumnType.decimal(12, 3), ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.VARCHAR);

    @Test
    void everyKindRoundTripsWithAndWithoutSelection() {
        int[] selection = {0, 3, 4, 10, 500, 998, 999};
        List<ColumnType> types = new ArrayList<>(TYPES);
        types.add(ColumnType.decimal(30, 4));
        for (ColumnType type : types) {
            Column column = Column.nullable("c", type);
            try (FieldVector source = ArrowTypes.createVector(column, allocator)) {
                source.allocateNew();
                for (int row = 0; row < ROWS; row++) {
                    ArrowValues.set(source, type, row, value(type, row));
                }
                source.setValueCount(ROWS);

                assertThat(copy(column, ColumnReader.read(source, type, null, ROWS))).as("%s", type)
                        .isEqualTo(expected(type, null, ROWS));
                assertThat(copy(column, ColumnReader.read(source, type, selection, selection.length))).as("%s selected", type)
                        .isEqualTo(expected(type, selection, selection.length));
                // most rows selected: strings are copied in bulk first
                int[] dense = IntStream.range(0, ROWS).filter(row -> row % 3 != 1).toArray();
                assertThat(copy(column, ColumnReader.read(source, type, dense, dense.length))).as("%s densely selected", type)
                        .isEqualTo(expected(type, dense, dense.length));
            }
        }
    }

    @Test
    void writeAtPutsEachRowAtItsPosition() {
        int[] positions = IntStream.range(0, ROWS).filter(row -> row % 4 != 1).toArray();
        List<ColumnType> types = new ArrayList<>(TYPES);
        types.add(ColumnType.decimal(30, 4));
        for (ColumnType type : types) {
            Column column = Column.nullable("c", type);
            try (FieldVector source = ArrowTypes.createVector(column, allocator);
                    FieldVector target = ArrowTypes.createVector(column, allocator)) {
                source.allocateNew();
                for (int row = 0; row < ROWS; row++) {
                    ArrowValues.set(source, type, row, value(type, row));
                }
                source.setValueCount(ROWS);
                ColumnData selected = ColumnReader.read(source, type, positions, positions.length);
                ColumnWriter.writeAt(selected, type, target, positions, ROWS);
                assertThat(target.getValueCount()).isEqualTo(ROWS);
                for (int row = 0; row < ROWS; row++) {
                    if (row % 4 != 1) {
                        assertThat(ArrowValues.get(target, type, row)).as("%s row %d", type, row)
                                .isEqualTo(value(type, row));
                    }
                }
                // the rows in between are never read, and are not NULLs that would slow the readers
                long nulls = IntStream.range(0, ROWS).filter(row -> row % 4 != 1 && value(type, row) == null).count();
                assertThat(target.getNullCount()).isEqualTo((int) nulls);
                // reading the positions back gives the selected rows again
                assertThat(copy(column, ColumnReader.read(target, type, positions, positions.length)))
                        .isEqualTo(expected(type, positions, positions.length));
            }
        }
    }

    @Test
    void shortStringsPackWhenEveryValueFitsAndRoundTrip() {
        Column column = Column.nullable("c", ColumnType.VARCHAR);
        List<String> values = Arrays.asList("", "A", "N", "R", "1-URGEN", "서울", null, "F", "0123456");
        try (FieldVector source = ArrowTypes.createVector(column, allocator)) {
            source.allocateNew();
            for (int row = 0; row < values.size(); row++) {
                ArrowValues.set(source, ColumnType.VARCHAR, row, values.get(row));
            }
            source.setValueCount(values.size());
            int[] selection = {0, 2, 5, 6, 7};
            for (int[] rows : new int[][] {null, selection}) {
                int count = rows == null ? values.size() : rows.length;
                StringData strings = (StringData) ColumnReader.read(source, ColumnType.VARCHAR, rows, count);
                LongData packed = ColumnReader.readShortStrings(source, rows, count);
                assertThat(packed).isNotNull();
                assertThat(packed.values()).isEqualTo(ShortStrings.pack(strings).values());
                StringData unpacked = ShortStrings.unpack(packed.values(), packed.nulls(), 0, count);
                for (int i = 0; i < count; i++) {
                    Object expected = values.get(rows == null ? i : rows[i]);
                    assertThat(unpacked.isNull(i) ? null : unpacked.string(i)).isEqualTo(expected);
                }
            }
            // distinct strings pack to distinct longs, the empty string included (NULL is flagged apart)
            LongData all = ColumnReader.readShortStrings(source, null, values.size());
            assertThat(IntStream.range(0, values.size()).filter(row -> !all.isNull(row))
                    .mapToLong(row -> all.values()[row]).distinct().count()).isEqualTo(values.size() - 1);
        }
    }

    @Test
    void shortStringsGiveUpOnALongValueButNotOnALongNull() {
        Column column = Column.nullable("c", ColumnType.VARCHAR);
        try (FieldVector source = ArrowTypes.createVector(column, allocator)) {
            source.allocateNew();
            for (int row = 0; row < 100; row++) {
                ArrowValues.set(source, ColumnType.VARCHAR, row, row == 60 ? "01234567" : "x" + (row % 10));
            }
            source.setValueCount(100);
            assertThat(ColumnReader.readShortStrings(source, null, 100)).isNull();
            int[] withoutLong = IntStream.range(0, 100).filter(row -> row != 60).toArray();
            assertThat(ColumnReader.readShortStrings(source, withoutLong, withoutLong.length)).isNotNull();
            // a selection sees only its own rows
            assertThat(ColumnReader.readShortStrings(source, new int[] {59, 60}, 2)).isNull();
            assertThat(ColumnReader.readShortStrings(source, new int[] {59, 61}, 2)).isNotNull();
        }
    }

    /** Values are read and written by address: a position outside the vector must fail, not read or write other memory. */
    @Test
    void positionsOutsideTheVectorFail() {
        List<ColumnType> types = new ArrayList<>(TYPES);
        types.add(ColumnType.decimal(30, 4));
        for (ColumnType type : types) {
            Column column = Column.nullable("c", type);
            try (FieldVector source = ArrowTypes.createVector(column, allocator);
                    FieldVector target = ArrowTypes.createVector(column, allocator)) {
                source.allocateNew();
                for (int row = 0; row < 10; row++) {
                    ArrowValues.set(source, type, row, value(type, row + 1));
                }
                source.setValueCount(10);
                assertThatThrownBy(() -> ColumnReader.read(source, type, new int[] {2, 10}, 2)).as("%s", type)
                        .isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> ColumnReader.read(source, type, new int[] {-1}, 1)).as("%s", type)
                        .isInstanceOf(IndexOutOfBoundsException.class);
                ColumnData two = ColumnReader.read(source, type, new int[] {0, 1}, 2);
                if (type.kind() != TypeKind.VARCHAR && !type.isWideDecimal()) {
                    assertThatThrownBy(() -> ColumnWriter.writeAt(two, type, target, new int[] {1, 4}, 4)).as("%s", type)
                            .isInstanceOf(IndexOutOfBoundsException.class);
                }
            }
        }
        Column text = Column.nullable("c", ColumnType.VARCHAR);
        try (FieldVector source = ArrowTypes.createVector(text, allocator)) {
            source.allocateNew();
            ArrowValues.set(source, ColumnType.VARCHAR, 0, "a");
            source.setValueCount(1);
            assertThatThrownBy(() -> ColumnReader.readShortStrings(source, new int[] {1}, 1))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void emptyInput() {
        for (ColumnType type : TYPES) {
            Column column = Column.nullable("c", type);
            try (FieldVector source = ArrowTypes.createVector(column, allocator)) {
                source.setValueCount(0);
                assertThat(copy(column, ColumnReader.read(source, type, null, 0))).isEmpty();
            }
        }
    }

    private static List<Object> expected(ColumnType type, int[] selection, int count) {
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(value(type, selection == null ? i : selection[i]));
        }
        return values;
    }

    /** Writes the data into a new vector and reads it back boxed. */
    private List<Object> copy(Column column, ColumnData data) {
        try (FieldVector target = ArrowTypes.createVector(column, allocator)) {
            ColumnWriter.write(data, column.type(), target);
            Object[] values = new Object[data.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ArrowValues.get(target, column.type(), i);
            }
            assertThat(target.getNullCount()).isEqualTo((int) Arrays.stream(values).filter(v -> v == null).count());
            return Arrays.asList(values);
        }
    }
}
