package io.depot.storage.ingest;

import static java.util.Objects.requireNonNull;

import io.depot.storage.DepotException;
import io.depot.storage.ErrorCode;
import io.depot.storage.table.Database;
import io.depot.storage.table.Snapshot;
import io.depot.storage.table.Table;
import io.depot.storage.type.ArrowValues;
import io.depot.storage.type.Column;
import io.depot.storage.type.ColumnType;
import io.depot.storage.type.TableSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Loads the result of a query against another database (PostgreSQL, MySQL, ... through their
 * JDBC drivers on the classpath) into a table in one commit, reading it in fetches of
 * {@link JdbcSourceOptions#fetchSize()} rows (auto-commit off, so PostgreSQL streams with a cursor).
 *
 * <p>Types map as: BOOLEAN/BIT to BOOLEAN; TINYINT, SMALLINT, INTEGER to INTEGER; BIGINT to
 * BIGINT; REAL, FLOAT, DOUBLE to DOUBLE; NUMERIC/DECIMAL(p,s) with p at most 38 to DECIMAL(p,s),
 * wider or unconstrained NUMERIC to DOUBLE; DATE to DATE; TIMESTAMP to TIMESTAMP, TIMESTAMP WITH
 * TIME ZONE to TIMESTAMP in UTC; character types, and anything a driver reports as OTHER (JSON,
 * UUID, ...), to VARCHAR. Other types fail naming the column; cast them in the query.
 *
 * <p>Incremental pulls ({@link JdbcSourceOptions#incrementalColumn()}, append mode only): the
 * largest value of that column already in the table comes from the segments' zone maps, and the
 * query runs as {@code SELECT * FROM (query) WHERE column > ?}, so a repeated pull loads only
 * rows that arrived since.
 */
public final class JdbcLoader implements RowSource {
    private final Database database;
    private final String table;
    private final JdbcSourceOptions source;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet result;
    private long bytes;
    private long rowNumber;
    /** Per result column (1-based): whether it is a timestamp with time zone, read as UTC. */
    private boolean[] withTimeZone;

    private JdbcLoader(Database database, String table, JdbcSourceOptions source) {
        this.database = database;
        this.table = table;
        this.source = source;
    }

    public static LoadResult load(Database database, String table, JdbcSourceOptions source, LoadOptions options) {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(source, "source is null");
        requireNonNull(options, "options is null");
        if (source.incrementalColumn() != null && options.mode() != LoadMode.APPEND) {
            throw new DepotException(ErrorCode.USER,
                    "An incremental pull (--incremental-column) appends; it cannot run in mode " + options.mode().label());
        }
        JdbcLoader loader = new JdbcLoader(database, table, source);
        try {
            return LoadRun.execute(database, table, loader, options);
        } finally {
            loader.closeQuietly();
        }
    }

    @Override
    public String description() {
        return source.safeUrl() + " query: " + source.query();
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public TableSchema declaredSchema() {
        return null;
    }

    /** Runs the whole query (a new table has no rows to be incremental against) and maps its columns. */
    @Override
    public TableSchema schemaForNewTable() {
        ResultSetMetaData metaData = open(null);
        try {
            List<Column> columns = new ArrayList<>(metaData.getColumnCount());
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                columns.add(Column.nullable(metaData.getColumnLabel(i), depotType(metaData, i)));
            }
            return new TableSchema(columns);
        } catch (SQLException e) {
            throw sourceError("Cannot read the result columns", e);
        }
    }

    @Override
    public void readInto(BatchSink sink) {
        if (result == null) {
            open(incrementalLowerBound(sink.columns()).orElse(null));
        }
        try {
            ResultSetMetaData metaData = result.getMetaData();
            TableSchema columns = sink.columns();
            int[] resultColumn = new int[columns.size()];
            for (int column = 0; column < columns.size(); column++) {
                resultColumn[column] = resultColumnOf(metaData, columns.column(column).name());
            }
            checkNoExtraColumns(metaData, columns);
            withTimeZone = new boolean[metaData.getColumnCount() + 1];
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                withTimeZone[i] = isTimestampWithTimeZone(metaData, i);
            }
            while (result.next()) {
                rowNumber++;
                if (readRow(resultColumn, columns, sink)) {
                    sink.endRow();
                }
            }
        } catch (SQLException e) {
            throw sourceError("Cannot read the query result after row " + rowNumber, e);
        }
    }

    private boolean readRow(int[] resultColumn, TableSchema columns, BatchSink sink) throws SQLException {
        int row = sink.row();
        for (int column = 0; column < resultColumn.length; column++) {
            int index = resultColumn[column];
            FieldVector vector = sink.vector(column);
            ColumnType type = columns.column(column).type();
            switch (type.kind()) {
                case BOOLEAN -> {
                    boolean value = result.getBoolean(index);
                    if (!setNullIfWasNull(vector, row)) {
                        ((BitVector) vector).setSafe(row, value ? 1 : 0);
                        bytes += 1;
                    }
                }
                case INTEGER -> {
                    int value = result.getInt(index);
                    if (!setNullIfWasNull(vector, row)) {
                        ((IntVector) vector).setSafe(row, value);
                        bytes += 4;
                    }
                }
                case BIGINT -> {
                    long value = result.getLong(index);
                    if (!setNullIfWasNull(vector, row)) {
                        ((BigIntVector) vector).setSafe(row, value);
                        bytes += 8;
                    }
                }
                case DOUBLE -> {
                    double value = result.getDouble(index);
                    if (!setNullIfWasNull(vector, row)) {
                        ((Float8Vector) vector).setSafe(row, value);
                        bytes += 8;
                    }
                }
                case DECIMAL -> {
                    BigDecimal value = result.getBigDecimal(index);
                    if (value == null) {
                        vector.setNull(row);
                    } else if (type.isWideDecimal()) {
                        BigDecimal fitted = ArrowValues.fitDecimal(value, type);
                        if (fitted == null) {
                            sink.reject(RejectedRow.badValue(sourceName(), rowNumber, columns.column(column).name(),
                                    value.toPlainString(), type));
                            return false;
                        }
                        ((DecimalVector) vector).setSafe(row, fitted);
                        bytes += 16;
                    } else {
                        Long unscaled = unscaled(value, type);
                        if (unscaled == null) {
                            sink.reject(RejectedRow.badValue(sourceName(), rowNumber, columns.column(column).name(),
                                    value.toPlainString(), type));
                            return false;
                        }
                        ((BigIntVector) vector).setSafe(row, unscaled);
                        bytes += 8;
                    }
                }
                case DATE -> {
                    LocalDate value = result.getObject(index, LocalDate.class);
                    if (value == null) {
                        vector.setNull(row);
                    } else {
                        ((DateDayVector) vector).setSafe(row, Math.toIntExact(value.toEpochDay()));
                        bytes += 4;
                    }
                }
                case TIMESTAMP -> {
                    LocalDateTime value = timestamp(index);
                    if (value == null) {
                        vector.setNull(row);
                    } else {
                        ((TimeStampMicroVector) vector).setSafe(row, ArrowValues.timestampToMicros(value));
                        bytes += 8;
                    }
                }
                case VARCHAR -> {
                    String value = result.getString(index);
                    if (value == null) {
                        vector.setNull(row);
                    } else {
                        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                        ((VarCharVector) vector).setSafe(row, utf8);
                        bytes += utf8.length;
                    }
                }
            }
        }
        return true;
    }

    private boolean setNullIfWasNull(FieldVector vector, int row) throws SQLException {
        if (result.wasNull()) {
            vector.setNull(row);
            return true;
        }
        return false;
    }

    /** A timestamp column's value; one with a time zone becomes UTC. */
    private LocalDateTime timestamp(int index) throws SQLException {
        if (withTimeZone[index]) {
            OffsetDateTime value = result.getObject(index, OffsetDateTime.class);
            return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return result.getObject(index, LocalDateTime.class);
    }

    /** PostgreSQL's driver reports {@code timestamptz} as plain TIMESTAMP; its type name tells. */
    private static boolean isTimestampWithTimeZone(ResultSetMetaData metaData, int index) throws SQLException {
        String name = metaData.getColumnTypeName(index);
        return metaData.getColumnType(index) == Types.TIMESTAMP_WITH_TIMEZONE
                || name != null && (name.equalsIgnoreCase("timestamptz") || name.toLowerCase(java.util.Locale.ROOT)
                        .startsWith("timestamp with time zone"));
    }

    /** The unscaled value at the column's scale, or null when it does not fit (digits would be lost). */
    private static Long unscaled(BigDecimal value, ColumnType type) {
        try {
            BigDecimal scaled = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
            if (scaled.precision() > type.precision() && scaled.compareTo(BigDecimal.ZERO) != 0) {
                return null;
            }
            return scaled.unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private String sourceName() {
        return "query result";
    }

    private ResultSetMetaData open(Object lowerBound) {
        String sql = source.query();
        if (lowerBound != null) {
            sql = "SELECT * FROM (" + stripSemicolon(sql) + ") depot_source WHERE " + source.incrementalColumn() + " > ?";
        }
        try {
            Properties properties = new Properties();
            if (source.user() != null) {
                properties.setProperty("user", source.user());
            }
            if (source.password() != null) {
                properties.setProperty("password", source.password());
            }
            connection = DriverManager.getConnection(source.url(), properties);
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(source.fetchSize());
            if (lowerBound != null) {
                statement.setObject(1, lowerBound);
            }
            result = statement.executeQuery();
            return result.getMetaData();
        } catch (SQLException e) {
            closeQuietly();
            throw sourceError("Cannot run the query", e);
        }
    }

    private static String stripSemicolon(String sql) {
        String trimmed = sql.strip();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** The largest value of the incremental column already in the table, from its statistics. */
    private Optional<Object> incrementalLowerBound(TableSchema columns) {
        if (source.incrementalColumn() == null) {
            return Optional.empty();
        }
        Optional<Table> existing = database.table(table);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        Snapshot snapshot = existing.get().snapshot();
        OptionalInt column = snapshot.schema().indexOf(source.incrementalColumn());
        if (column.isEmpty() || columns.indexOf(source.incrementalColumn()).isEmpty()) {
            throw new DepotException(ErrorCode.USER, String.format("Table[%s] has no column[%s] to pull incrementally by",
                    table, source.incrementalColumn()));
        }
        // The table's statistics: the segments' zone maps and the write-ahead log's rows.
        return Optional.ofNullable(snapshot.statistics().columns().get(column.getAsInt()).max());
    }

    private int resultColumnOf(ResultSetMetaData metaData, String name) throws SQLException {
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            if (metaData.getColumnLabel(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new DepotException(ErrorCode.USER, String.format(
                "The query's result has no column[%s] of table[%s]", name, table));
    }

    private void checkNoExtraColumns(ResultSetMetaData metaData, TableSchema columns) throws SQLException {
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            if (columns.indexOf(metaData.getColumnLabel(i)).isEmpty()) {
                throw new DepotException(ErrorCode.USER, String.format(
                        "The query's result column[%s] is not a column of table[%s]", metaData.getColumnLabel(i), table));
            }
        }
    }

    private static ColumnType depotType(ResultSetMetaData metaData, int index) throws SQLException {
        int sqlType = metaData.getColumnType(index);
        return switch (sqlType) {
            case Types.BIT, Types.BOOLEAN -> ColumnType.BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> ColumnType.INTEGER;
            case Types.BIGINT -> ColumnType.BIGINT;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> ColumnType.DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> {
                int precision = metaData.getPrecision(index);
                int scale = metaData.getScale(index);
                yield precision > 0 && precision <= ColumnType.MAX_DECIMAL_PRECISION && scale >= 0 && scale <= precision
                        ? ColumnType.decimal(precision, scale)
                        : ColumnType.DOUBLE;
            }
            case Types.DATE -> ColumnType.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnType.TIMESTAMP;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB, Types.OTHER, Types.SQLXML -> ColumnType.VARCHAR;
            default -> throw new DepotException(ErrorCode.USER, String.format(
                    "Query result column[%s] has type %s, which Depot cannot load; cast it in the query "
                            + "(e.g. to text, numeric, date or timestamp)",
                    metaData.getColumnLabel(index), metaData.getColumnTypeName(index)));
        };
    }

    private DepotException sourceError(String what, SQLException e) {
        return new DepotException(ErrorCode.USER, String.format("%s on %s: %s", what, source.safeUrl(), e.getMessage()), e);
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // the load's outcome is decided; a failing close of a read-only source changes nothing
        } finally {
            connection = null;
            statement = null;
            result = null;
        }
    }
}
