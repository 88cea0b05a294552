package io.depot.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.avatica.util.Cursor.Accessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestDepotCursor {
    private static final TableSchema ALL_TYPES = TableSchema.of(
            Column.nullable("flag", ColumnType.BOOLEAN),
            Column.nullable("small", ColumnType.INTEGER),
            Column.nullable("big", ColumnType.BIGINT),
            Column.nullable("ratio", ColumnType.DOUBLE),
            Column.nullable("amount", ColumnType.decimal(15, 2)),
            Column.nullable("day", ColumnType.DATE),
            Column.nullable("moment", ColumnType.TIMESTAMP),
            Column.nullable("name", ColumnType.VARCHAR));

    private static final List<Object> FULL_ROW = Arrays.asList(
            true, 42, 9_000_000_000L, 2.5, new BigDecimal("1234.50"),
            LocalDate.of(2024, 3, 1), LocalDateTime.of(2024, 3, 1, 0, 30, 15, 123_456_000), "서울");
    private static final List<Object> NULL_ROW = Arrays.asList(null, null, null, null, null, null, null, null);

    private BufferAllocator allocator;
    private TimeZone originalZone;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        originalZone = TimeZone.getDefault();
    }

    @AfterEach
    void tearDown() {
        TimeZone.setDefault(originalZone);
        allocator.close();
    }

    @Test
    void readsEveryTypeAsItsJdbcForms() throws SQLException {
        try (Reading reading = read(List.of(List.of(FULL_ROW)), ResultRows.UNLIMITED)) {
            assertThat(reading.cursor.next()).isTrue();
            assertThat(reading.accessor(0).getBoolean()).isTrue();
            assertThat(reading.accessor(1).getInt()).isEqualTo(42);
            assertThat(reading.accessor(1).getObject()).isEqualTo(42);
            assertThat(reading.accessor(2).getLong()).isEqualTo(9_000_000_000L);
            assertThat(reading.accessor(3).getDouble()).isEqualTo(2.5);
            assertThat(reading.accessor(4).getBigDecimal()).isEqualTo(new BigDecimal("1234.50"));
            assertThat(reading.accessor(4).getBigDecimal().scale()).isEqualTo(2);
            assertThat(reading.accessor(4).getObject()).isEqualTo(new BigDecimal("1234.50"));
            assertThat(reading.accessor(4).getString()).isEqualTo("1234.50");
            assertThat(reading.accessor(4).getInt()).isEqualTo(1234);
            assertThat(reading.accessor(5).getString()).isEqualTo("2024-03-01");
            assertThat(reading.accessor(5).getObject(LocalDate.class)).isEqualTo(LocalDate.of(2024, 3, 1));
            assertThat(reading.accessor(6).getString()).isEqualTo("2024-03-01 00:30:15.123456");
            assertThat(reading.accessor(6).getObject(LocalDateTime.class))
                    .isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 30, 15, 123_456_000));
            assertThat(reading.accessor(7).getString()).isEqualTo("서울");
            assertThat(reading.accessor(7).getObject(String.class)).isEqualTo("서울");
            assertThat(reading.cursor.wasNull()).isFalse();
            assertThat(reading.cursor.next()).isFalse();
        }
    }

    @Test
    void nullsReadAsNullOrZeroAndSetWasNull() throws SQLException {
        try (Reading reading = read(List.of(List.of(NULL_ROW)), ResultRows.UNLIMITED)) {
            assertThat(reading.cursor.next()).isTrue();
            for (int column = 0; column < ALL_TYPES.size(); column++) {
                assertThat(reading.accessor(column).getObject()).isNull();
                assertThat(reading.cursor.wasNull()).isTrue();
            }
            assertThat(reading.accessor(1).getInt()).isZero();
            assertThat(reading.cursor.wasNull()).isTrue();
            assertThat(reading.accessor(0).getBoolean()).isFalse();
            assertThat(reading.accessor(4).getBigDecimal()).isNull();
            assertThat(reading.accessor(5).getDate(null)).isNull();
            assertThat(reading.accessor(6).getObject(LocalDateTime.class)).isNull();
            assertThat(reading.accessor(2).getLong()).isZero();
            assertThat(reading.accessor(7).getString()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Los_Angeles", "Asia/Seoul", "Pacific/Kiritimati", "UTC"})
    void datesAndTimestampsKeepTheirWallClockInAnyDefaultZone(String zone) throws SQLException {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (Reading reading = read(List.of(List.of(FULL_ROW)), ResultRows.UNLIMITED)) {
            assertThat(reading.cursor.next()).isTrue();
            Accessor day = reading.accessor(5);
            Accessor moment = reading.accessor(6);
            assertThat(day.getDate(reading.calendar).toString()).isEqualTo("2024-03-01");
            assertThat(day.getDate(reading.calendar).toLocalDate()).isEqualTo(LocalDate.of(2024, 3, 1));
            assertThat(day.getObject().toString()).isEqualTo("2024-03-01");
            assertThat(day.getObject(java.sql.Date.class).toString()).isEqualTo("2024-03-01");
            assertThat(moment.getTimestamp(reading.calendar).toString()).isEqualTo("2024-03-01 00:30:15.123456");
            assertThat(moment.getObject().toString()).isEqualTo("2024-03-01 00:30:15.123456");
            assertThat(moment.getTimestamp(reading.calendar).toLocalDateTime())
                    .isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 30, 15, 123_456_000));
        }
    }

    @Test
    void anExplicitCalendarPlacesTheWallClockInItsZone() throws SQLException {
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Seoul"));
        try (Reading reading = read(List.of(List.of(FULL_ROW)), ResultRows.UNLIMITED)) {
            assertThat(reading.cursor.next()).isTrue();
            Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            Timestamp moment = reading.accessor(6).getTimestamp(utc);
            assertThat(moment.toInstant().toString()).isEqualTo("2024-03-01T00:30:15.123456Z");
            assertThat(reading.accessor(5).getDate(utc).getTime())
                    .isEqualTo(LocalDate.of(2024, 3, 1).toEpochDay() * 86_400_000L);
        }
    }

    @Test
    void streamsBatchByBatchSkippingEmptyOnesAndClosesAtTheEnd() throws SQLException {
        List<Object> second = Arrays.asList(false, 7, 7L, 0.5, new BigDecimal("0.07"), null, null, "b");
        try (Reading reading = read(List.of(List.of(FULL_ROW, NULL_ROW), List.of(), List.of(second)), ResultRows.UNLIMITED)) {
            assertThat(reading.cursor.next()).isTrue();
            assertThat(reading.cursor.next()).isTrue();
            assertThat(reading.stream.pulled()).isEqualTo(1);
            assertThat(reading.cursor.next()).isTrue();
            assertThat(reading.stream.pulled()).isEqualTo(3);
            assertThat(reading.accessor(7).getString()).isEqualTo("b");
            assertThat(reading.cursor.next()).isFalse();
            assertThat(reading.stream.isClosed()).isTrue();
            assertThat(allocator.getAllocatedMemory()).isZero();
            assertThat(reading.cursor.next()).isFalse();
        }
    }

    @Test
    void stopsAtTheRowLimitAndClosesTheStream() throws SQLException {
        try (Reading reading = read(List.of(List.of(FULL_ROW, NULL_ROW, FULL_ROW)), 2)) {
            assertThat(reading.cursor.next()).isTrue();
            assertThat(reading.cursor.next()).isTrue();
            assertThat(reading.cursor.next()).isFalse();
            assertThat(reading.stream.isClosed()).isTrue();
        }
    }

    @Test
    void closingEarlyFreesTheBatchAndTheStream() throws SQLException {
        Reading reading = read(List.of(List.of(FULL_ROW, FULL_ROW), List.of(FULL_ROW)), ResultRows.UNLIMITED);
        assertThat(reading.cursor.next()).isTrue();
        reading.close();
        assertThat(reading.stream.isClosed()).isTrue();
        assertThat(allocator.getAllocatedMemory()).isZero();
        assertThat(reading.stream.pulled()).isEqualTo(1);
    }

    @Test
    void aFailingQueryBecomesAnSqlExceptionWithItsStateAndClosesTheStream() {
        BatchStream failing = new BatchStream(ALL_TYPES, allocator, List.of()) {
            @Override
            public VectorSchemaRoot next() {
                throw new DepotException(ErrorCode.RESOURCE, "Query memory limit[1024] exceeded");
            }
        };
        DepotCursor cursor = new DepotCursor(new ResultRows(failing, ResultRows.UNLIMITED));
        assertThatThrownBy(cursor::next)
                .isInstanceOf(SQLException.class)
                .hasMessage("Query memory limit[1024] exceeded")
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("53000");
        assertThat(failing.isClosed()).isTrue();
    }

    @Test
    void refusesConversionsThatMakeNoSense() throws SQLException {
        try (Reading reading = read(List.of(List.of(FULL_ROW)), ResultRows.UNLIMITED)) {
            assertThat(reading.cursor.next()).isTrue();
            assertThatThrownBy(() -> reading.accessor(5).getLong())
                    .isInstanceOf(SQLDataException.class)
                    .hasMessage("Cannot convert column[day] of type[DATE] to long");
            assertThatThrownBy(() -> reading.accessor(7).getObject(LocalDate.class))
                    .isInstanceOf(SQLDataException.class);
        }
    }

    private Reading read(List<List<List<Object>>> batches, long maxRows) {
        BatchStream stream = new BatchStream(ALL_TYPES, allocator, batches);
        DepotCursor cursor = new DepotCursor(new ResultRows(stream, maxRows));
        Calendar calendar = Calendar.getInstance(TimeZone.getDefault());
        return new Reading(stream, cursor, calendar, cursor.createAccessors(List.of(), calendar, null));
    }

    /** A cursor under test with its accessors and the result set calendar Avatica would pass. */
    private record Reading(BatchStream stream, DepotCursor cursor, Calendar calendar, List<Accessor> accessors)
            implements AutoCloseable {
        Accessor accessor(int column) {
            return accessors.get(column);
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}
