package io.depot.sql.pgwire;

import io.depot.storage.type.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Bound parameter values: from the client's {@code $n} values (text or binary, typed by the
 * OIDs of Parse or untyped) to Depot's {@code ?} values in order, each in a form
 * {@code io.depot.sql.Parameters} accepts for the parameter's Depot type.
 */
final class ParameterValues {
    /** A zone suffix PostgreSQL ignores for {@code timestamp without time zone}: {@code +00}, {@code -05:30}, {@code Z}. */
    private static final Pattern ZONE = Pattern.compile("(\\s*(Z|[+-]\\d{2}(:?\\d{2})?(:\\d{2})?))$");
    private static final Pattern DATE_PREFIX = Pattern.compile("^(\\d{4,}-\\d{2}-\\d{2}).*");

    private ParameterValues() {}

    /**
     * The values for Depot's parameters.
     *
     * @param values the client's values by {@code $n} (null for SQL NULL)
     * @param formats Bind's format codes: none (all text), one for all, or one per value
     * @param oids Parse's parameter types, 0 or missing where unspecified
     * @param placeholders which {@code $n} each {@code ?} is
     * @param types Depot's parameter types, one per {@code ?}
     */
    static List<Object> decode(byte[][] values, short[] formats, int[] oids, SqlText.Placeholders placeholders,
            List<ColumnType> types) {
        if (values.length < placeholders.count()) {
            throw new PgException(PgError.error(PgError.PROTOCOL_VIOLATION, String.format(
                    "bind message supplies %d parameters, but prepared statement requires %d",
                    values.length, placeholders.count())));
        }
        List<Object> bound = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            int client = placeholders.order().get(i) - 1;
            byte[] value = values[client];
            if (value == null) {
                bound.add(null);
                continue;
            }
            int format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[client];
            int oid = client < oids.length ? oids[client] : 0;
            bound.add(format == 1 ? binary(value, oid, client + 1) : text(new String(value, StandardCharsets.UTF_8), types.get(i)));
        }
        return bound;
    }

    /** The type of each {@code $n} for ParameterDescription: the client's, else Depot's inferred one. */
    static int[] describe(int[] oids, SqlText.Placeholders placeholders, List<ColumnType> types) {
        int[] described = new int[Math.max(oids.length, placeholders.count())];
        for (int client = 0; client < described.length; client++) {
            int oid = client < oids.length ? oids[client] : 0;
            if (oid == 0) {
                int position = placeholders.order().indexOf(client + 1);
                oid = position >= 0 && position < types.size() ? PgType.of(types.get(position)).oid : PgType.TEXT.oid;
            }
            described[client] = oid;
        }
        return described;
    }

    private static Object binary(byte[] value, int oid, int position) {
        PgType type = PgType.ofOid(oid);
        if (type == null) {
            throw new PgException(PgError.error(PgError.FEATURE_NOT_SUPPORTED, String.format(
                    "parameter $%d has binary type oid %d, which Depot does not read; send it as text", position, oid)));
        }
        return BinaryValues.decode(type, value);
    }

    /** PostgreSQL text input forms Depot's parser does not take as they are: {@code t}, {@code on}, zones on timestamps. */
    private static Object text(String value, ColumnType type) {
        String trimmed = value.strip();
        return switch (type.kind()) {
            case BOOLEAN -> switch (trimmed.toLowerCase(Locale.ROOT)) {
                case "t", "true", "y", "yes", "on", "1" -> "true";
                case "f", "false", "n", "no", "off", "0" -> "false";
                default -> trimmed;
            };
            case DATE -> {
                var matcher = DATE_PREFIX.matcher(trimmed);
                yield matcher.matches() ? matcher.group(1) : trimmed;
            }
            case TIMESTAMP -> {
                String withoutZone = trimmed.length() > 10 ? ZONE.matcher(trimmed).replaceFirst("") : trimmed;
                yield withoutZone.length() == 10 ? withoutZone + " 00:00:00" : withoutZone;
            }
            default -> value;
        };
    }
}
