package io.depot.sql.pgwire;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the few PostgreSQL-only forms that PostgreSQL clients generate into SQL Depot parses,
 * leaving everything else alone:
 *
 * <ul>
 *   <li>{@code TO_TIMESTAMP('2024-01-31 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US')} and
 *       {@code TO_DATE('2024-01-31', 'YYYY-MM-DD')}, with exactly these formats: Superset's
 *       PostgreSQL time-range filters, as {@code TIMESTAMP '...'} and {@code DATE '...'}
 *       literals;</li>
 *   <li>{@code operand::type} casts, where the operand is a literal, a (qualified) name, or a
 *       parenthesized expression, as {@code CAST(operand AS type)}.</li>
 * </ul>
 *
 * Rewrites happen outside string literals, quoted names and comments only.
 */
final class PgDialect {
    private static final Pattern TO_TIMESTAMP = Pattern.compile(
            "(?i)TO_TIMESTAMP\\(\\s*'(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?)'\\s*,\\s*"
                    + "'YYYY-MM-DD HH24:MI:SS(?:\\.US)?'\\s*\\)");
    private static final Pattern TO_DATE = Pattern.compile(
            "(?i)TO_DATE\\(\\s*'(\\d{4}-\\d{2}-\\d{2})'\\s*,\\s*'YYYY-MM-DD'\\s*\\)");
    /** A type after {@code ::}: words (double precision, timestamp without time zone) and an optional (p, s). */
    private static final Pattern CAST_TYPE = Pattern.compile(
            "(?i)\\s*([a-z_][a-z0-9_]*(?:\\s+(?:precision|varying|without\\s+time\\s+zone))?)(\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?");

    private PgDialect() {}

    static String rewrite(String sql) {
        String result = sql;
        if (containsIgnoreCase(result, "to_timestamp(") || containsIgnoreCase(result, "to_date(")) {
            result = TO_TIMESTAMP.matcher(result).replaceAll(match -> "TIMESTAMP '" + match.group(1).replace('T', ' ') + "'");
            result = TO_DATE.matcher(result).replaceAll("DATE '$1'");
        }
        if (result.contains("::")) {
            result = casts(result);
        }
        return result;
    }

    private static boolean containsIgnoreCase(String text, String part) {
        return text.toLowerCase(java.util.Locale.ROOT).contains(part);
    }

    /** Rewrites each {@code operand::type} outside quotes into {@code CAST(operand AS type)}, left to right. */
    private static String casts(String sql) {
        String current = sql;
        int from = 0;
        while (true) {
            int at = SqlText.find(current, "::", from);
            if (at < 0) {
                return current;
            }
            int start = operandStart(current, at);
            Matcher type = CAST_TYPE.matcher(current).region(at + 2, current.length());
            if (start < 0 || !type.lookingAt()) {
                from = at + 2;
                continue;
            }
            String operand = current.substring(start, at).strip();
            String typeName = type.group(1).replaceAll("\\s+", " ") + (type.group(2) == null ? "" : type.group(2).strip());
            String cast = "CAST(" + operand + " AS " + depotType(typeName) + ")";
            current = current.substring(0, start) + cast + current.substring(type.end());
            from = start + cast.length();
        }
    }

    /** Where the operand before {@code ::} at {@code end} starts, or -1 when it is not a simple one. */
    private static int operandStart(String sql, int end) {
        int i = end - 1;
        while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return -1;
        }
        char last = sql.charAt(i);
        if (last == '\'') {
            // a string literal, with '' escapes
            int j = i - 1;
            while (j >= 0) {
                if (sql.charAt(j) == '\'') {
                    if (j > 0 && sql.charAt(j - 1) == '\'') {
                        j -= 2;
                        continue;
                    }
                    return j;
                }
                j--;
            }
            return -1;
        }
        if (last == ')') {
            int depth = 0;
            for (int j = i; j >= 0; j--) {
                char c = sql.charAt(j);
                if (c == ')') {
                    depth++;
                } else if (c == '(' && --depth == 0) {
                    // a function call: include its name
                    int k = j - 1;
                    while (k >= 0 && (Character.isLetterOrDigit(sql.charAt(k)) || sql.charAt(k) == '_' || sql.charAt(k) == '.')) {
                        k--;
                    }
                    return k + 1;
                }
            }
            return -1;
        }
        int j = i;
        while (j >= 0 && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '.'
                || sql.charAt(j) == '"')) {
            j--;
        }
        return j == i ? -1 : j + 1;
    }

    /** PostgreSQL type names Depot spells otherwise. */
    private static String depotType(String type) {
        String lower = type.toLowerCase(java.util.Locale.ROOT);
        return switch (lower) {
            case "text", "character varying", "name" -> "VARCHAR";
            case "int", "int4" -> "INTEGER";
            case "int8" -> "BIGINT";
            case "float8", "double precision", "float" -> "DOUBLE";
            case "bool" -> "BOOLEAN";
            case "timestamp without time zone" -> "TIMESTAMP";
            default -> lower.startsWith("numeric") ? "DECIMAL" + type.substring(7) : type;
        };
    }
}
