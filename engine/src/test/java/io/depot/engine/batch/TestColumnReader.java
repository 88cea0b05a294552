package io.depot.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.depot.engine.testing.AllocatorTest;
import io.depot.storage.type.ArrowTypes;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
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
        for (ColumnType type : TYPES) {
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
