package io.depot.sql.jdbc;

import static java.util.Objects.requireNonNull;

import io.depot.storage.type.Column;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Struct;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Calendar;
import java.util.Map;
import org.apache.calcite.avatica.util.Cursor;
import org.joou.UByte;
import org.joou.UInteger;
import org.joou.ULong;
import org.joou.UShort;

/**
 * Reads one column of the current row of a {@link DepotCursor} as any JDBC type it converts to.
 *
 * <p>Depot's DATE and TIMESTAMP have no time zone: they are calendar days and wall-clock times.
 * Without an explicit calendar, {@code getDate}/{@code getTimestamp} build the java.sql value
 * in the JVM's current default zone, so its {@code toString()} shows the stored day or time in
 * any zone; an explicit calendar places the wall-clock value in that calendar's zone, as JDBC
 * specifies.
 */
final class ValueAccessor implements Cursor.Accessor {
    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();

    private final DepotCursor cursor;
    private final int column;
    private final Column description;
    /** The result set's calendar: passed when the caller gave none. */
    private final Calendar resultSetCalendar;

    ValueAccessor(DepotCursor cursor, int column, Column description, Calendar resultSetCalendar) {
        this.cursor = requireNonNull(cursor, "cursor is null");
        this.column = column;
        this.description = requireNonNull(description, "description is null");
        this.resultSetCalendar = resultSetCalendar;
    }

    private Object value() throws SQLException {
        return cursor.value(column);
    }

    @Override
    public boolean wasNull() {
        return cursor.wasNull();
    }

    @Override
    public String getString() throws SQLException {
        Object value = value();
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof LocalDateTime timestamp) {
            return TIMESTAMP_FORMAT.format(timestamp);
        }
        return value.toString();
    }

    @Override
    public boolean getBoolean() throws SQLException {
        Object value = value();
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() != 0;
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0;
        }
        if (value instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.equalsIgnoreCase("true") || trimmed.equals("1")) {
                return true;
            }
            if (trimmed.equalsIgnoreCase("false") || trimmed.equals("0")) {
                return false;
            }
        }
        throw cannotConvert("boolean");
    }

    @Override
    public byte getByte() throws SQLException {
        return (byte) getLong();
    }

    @Override
    public UByte getUByte() throws SQLException {
        return UByte.valueOf(getLong());
    }

    @Override
    public short getShort() throws SQLException {
        return (short) getLong();
    }

    @Override
    public UShort getUShort() throws SQLException {
        return UShort.valueOf((int) getLong());
    }

    @Override
    public int getInt() throws SQLException {
        return (int) getLong();
    }

    @Override
    public UInteger getUInt() throws SQLException {
        return UInteger.valueOf(getLong());
    }

    @Override
    public long getLong() throws SQLException {
        Object value = value();
        if (value == null) {
            return 0;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.trim()).longValue();
            } catch (NumberFormatException e) {
                throw cannotConvert("long");
            }
        }
        throw cannotConvert("long");
    }

    @Override
    public ULong getULong() throws SQLException {
        BigDecimal value = getBigDecimal();
        return value == null ? null : ULong.valueOf(value.toBigInteger());
    }

    @Override
    public float getFloat() throws SQLException {
        return (float) getDouble();
    }

    @Override
    public double getDouble() throws SQLException {
        Object value = value();
        if (value == null) {
            return 0;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw cannotConvert("double");
            }
        }
        throw cannotConvert("double");
    }

    @Override
    public BigDecimal getBigDecimal() throws SQLException {
        Object value = value();
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double number) {
            return BigDecimal.valueOf(number);
        }
        if (value instanceof Boolean bool) {
            return bool ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw cannotConvert("BigDecimal");
            }
        }
        throw cannotConvert("BigDecimal");
    }

    @Override
    public BigDecimal getBigDecimal(int scale) throws SQLException {
        BigDecimal value = getBigDecimal();
        return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes() throws SQLException {
        String text = getString();
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public InputStream getAsciiStream() throws SQLException {
        String text = getString();
        return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public InputStream getUnicodeStream() throws SQLException {
        String text = getString();
        return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_16BE));
    }

    @Override
    public InputStream getBinaryStream() throws SQLException {
        byte[] bytes = getBytes();
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    @Override
    public Object getObject() throws SQLException {
        Object value = value();
        if (value instanceof LocalDate date) {
            return Date.valueOf(date);
        }
        if (value instanceof LocalDateTime timestamp) {
            return Timestamp.valueOf(timestamp);
        }
        return value;
    }

    @Override
    public Reader getCharacterStream() throws SQLException {
        String text = getString();
        return text == null ? null : new StringReader(text);
    }

    @Override
    public Object getObject(Map<String, Class<?>> map) throws SQLException {
        // Depot has no user-defined types, so there is nothing to map
        return getObject();
    }

    @Override
    public Ref getRef() throws SQLException {
        throw cannotConvert("Ref");
    }

    @Override
    public Blob getBlob() throws SQLException {
        throw cannotConvert("Blob");
    }

    @Override
    public Clob getClob() throws SQLException {
        throw cannotConvert("Clob");
    }

    @Override
    public Array getArray() throws SQLException {
        throw cannotConvert("Array");
    }

    @Override
    public Struct getStruct() throws SQLException {
        throw cannotConvert("Struct");
    }

    @Override
    public Date getDate(Calendar calendar) throws SQLException {
        LocalDate date = localDate();
        if (date == null) {
            return null;
        }
        ZoneId zone = explicitZone(calendar);
        if (zone == null) {
            return Date.valueOf(date);
        }
        return new Date(date.atStartOfDay(zone).toInstant().toEpochMilli());
    }

    @Override
    public Time getTime(Calendar calendar) throws SQLException {
        LocalDateTime timestamp = localDateTime();
        if (timestamp == null) {
            return null;
        }
        LocalTime time = timestamp.toLocalTime();
        ZoneId zone = explicitZone(calendar);
        if (zone == null) {
            return Time.valueOf(time);
        }
        return new Time(LocalDate.EPOCH.atTime(time).atZone(zone).toInstant().toEpochMilli());
    }

    @Override
    public Timestamp getTimestamp(Calendar calendar) throws SQLException {
        LocalDateTime timestamp = localDateTime();
        if (timestamp == null) {
            return null;
        }
        ZoneId zone = explicitZone(calendar);
        if (zone == null) {
            return Timestamp.valueOf(timestamp);
        }
        return Timestamp.from(timestamp.atZone(zone).toInstant());
    }

    @Override
    public URL getURL() throws SQLException {
        throw cannotConvert("URL");
    }

    @Override
    public NClob getNClob() throws SQLException {
        throw cannotConvert("NClob");
    }

    @Override
    public SQLXML getSQLXML() throws SQLException {
        throw cannotConvert("SQLXML");
    }

    @Override
    public String getNString() throws SQLException {
        return getString();
    }

    @Override
    public Reader getNCharacterStream() throws SQLException {
        return getCharacterStream();
    }

    @Override
    public <T> T getObject(Class<T> type) throws SQLException {
        requireNonNull(type, "type is null");
        if (value() == null) {
            return null;
        }
        Object converted;
        if (type == LocalDate.class) {
            converted = localDate();
        } else if (type == LocalDateTime.class) {
            converted = localDateTime();
        } else if (type == LocalTime.class) {
            converted = localDateTime().toLocalTime();
        } else if (type == Date.class) {
            converted = getDate(null);
        } else if (type == Timestamp.class || type == java.util.Date.class) {
            converted = getTimestamp(null);
        } else if (type == Time.class) {
            converted = getTime(null);
        } else if (type == String.class) {
            converted = getString();
        } else if (type == BigDecimal.class) {
            converted = getBigDecimal();
        } else if (type == BigInteger.class) {
            converted = getBigDecimal().toBigInteger();
        } else if (type == Boolean.class) {
            converted = getBoolean();
        } else if (type == Integer.class) {
            converted = getInt();
        } else if (type == Long.class) {
            converted = getLong();
        } else if (type == Short.class) {
            converted = getShort();
        } else if (type == Byte.class) {
            converted = getByte();
        } else if (type == Double.class) {
            converted = getDouble();
        } else if (type == Float.class) {
            converted = getFloat();
        } else if (type == Object.class) {
            converted = getObject();
        } else {
            throw cannotConvert(type.getName());
        }
        return type.cast(converted);
    }

    /** The value as a calendar day: DATE as is, TIMESTAMP's day, or text in ISO form. */
    private LocalDate localDate() throws SQLException {
        Object value = value();
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof LocalDateTime timestamp) {
            return timestamp.toLocalDate();
        }
        if (value instanceof String text) {
            try {
                return LocalDate.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw cannotConvert("date");
            }
        }
        throw cannotConvert("date");
    }

    /** The value as a wall-clock time: TIMESTAMP as is, DATE at midnight, or text. */
    private LocalDateTime localDateTime() throws SQLException {
        Object value = value();
        if (value == null || value instanceof LocalDateTime) {
            return (LocalDateTime) value;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (value instanceof String text) {
            try {
                return LocalDateTime.parse(text.trim(), TIMESTAMP_FORMAT);
            } catch (DateTimeParseException e) {
                throw cannotConvert("timestamp");
            }
        }
        throw cannotConvert("timestamp");
    }

    /**
     * The zone of a calendar the caller passed, or null for none. Avatica passes the result set's
     * own calendar when the caller gave none; that one is fixed when the connection opens, so the
     * current default zone is used instead.
     */
    private ZoneId explicitZone(Calendar calendar) {
        if (calendar == null || calendar == resultSetCalendar) {
            return null;
        }
        return calendar.getTimeZone().toZoneId();
    }

    private SQLException cannotConvert(String target) {
        return new SQLDataException(String.format(
                "Cannot convert column[%s] of type[%s] to %s", description.name(), description.type(), target));
    }
}
