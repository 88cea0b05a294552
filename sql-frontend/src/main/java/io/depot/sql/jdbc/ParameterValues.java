package io.depot.sql.jdbc;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Avatica's parameter values as the Java values {@code io.depot.sql.Parameters} takes.
 *
 * <p>Avatica carries a DATE as days since 1970-01-01 and a TIMESTAMP as milliseconds since
 * 1970-01-01T00:00 of the wall clock (it has already applied the client's calendar), so both
 * become {@code LocalDate}/{@code LocalDateTime} without any time zone arithmetic here.
 */
final class ParameterValues {
    private ParameterValues() {}

    static List<Object> of(List<TypedValue> values) {
        if (values == null) {
            return List.of();
        }
        List<Object> converted = new ArrayList<>(values.size());
        for (TypedValue value : values) {
            converted.add(value == null ? null : of(value));
        }
        return converted;
    }

    private static Object of(TypedValue value) {
        if (value.value == null) {
            return null;
        }
        return switch (value.type) {
            case JAVA_SQL_DATE -> LocalDate.ofEpochDay(((Number) value.value).longValue());
            case JAVA_SQL_TIMESTAMP, JAVA_UTIL_DATE -> LocalDateTime.ofEpochSecond(
                    Math.floorDiv(((Number) value.value).longValue(), 1000L),
                    (int) Math.floorMod(((Number) value.value).longValue(), 1000L) * 1_000_000,
                    ZoneOffset.UTC);
            default -> value.value;
        };
    }
}
