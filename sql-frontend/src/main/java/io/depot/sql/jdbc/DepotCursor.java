package io.depot.sql.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.ArrayImpl;
import org.apache.calcite.avatica.util.Cursor;

/**
 * Avatica cursor over the Arrow batches of a query. It replaces Avatica's row-array cursors so
 * that values go from vectors to JDBC types in one step ({@link ValueAccessor}), without
 * Avatica's number-based date and timestamp conversions, which depend on the JVM time zone.
 */
final class DepotCursor implements Cursor {
    private final ResultRows rows;
    private boolean wasNull;

    DepotCursor(ResultRows rows) {
        this.rows = requireNonNull(rows, "rows is null");
    }

    @Override
    public List<Accessor> createAccessors(
            List<ColumnMetaData> types, Calendar localCalendar, ArrayImpl.Factory factory) {
        List<Accessor> accessors = new ArrayList<>(rows.columns().size());
        for (int column = 0; column < rows.columns().size(); column++) {
            accessors.add(new ValueAccessor(this, column, rows.columns().get(column), localCalendar));
        }
        return accessors;
    }

    @Override
    public boolean next() throws SQLException {
        try {
            return rows.next();
        } catch (RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    @Override
    public void close() {
        rows.close();
    }

    @Override
    public boolean wasNull() {
        return wasNull;
    }

    /** The value of a column of the current row; remembers whether it was NULL for wasNull(). */
    Object value(int column) throws SQLException {
        try {
            Object value = rows.value(column);
            wasNull = value == null;
            return value;
        } catch (RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }
}
