package io.depot.sql.pgwire;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical work on PostgreSQL clients' SQL that must respect quotes and comments: splitting a
 * simple-query string into statements, and turning {@code $1} placeholders into Depot's
 * {@code ?}.
 */
final class SqlText {
    private SqlText() {}

    /** A statement with its {@code $n} placeholders replaced by {@code ?}. */
    record Placeholders(String sql, List<Integer> order) {
        /** The highest {@code $n} used, so the number of parameters the client binds. */
        int count() {
            return order.stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    /** The statements of a simple query, trimmed, empty ones dropped. */
    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == ';') {
                add(statements, sql.substring(start, i));
                start = ++i;
            } else {
                i = skip(sql, i);
            }
        }
        add(statements, sql.substring(start));
        return statements;
    }

    private static void add(List<String> statements, String statement) {
        String trimmed = statement.strip();
        if (!trimmed.isEmpty()) {
            statements.add(trimmed);
        }
    }

    /** Replaces {@code $n} outside literals, quoted names and comments with {@code ?}. */
    static Placeholders placeholders(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<Integer> order = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
                int end = i + 1;
                while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                order.add(Integer.parseInt(sql.substring(i + 1, end)));
                out.append('?');
                i = end;
            } else {
                int next = skip(sql, i);
                out.append(sql, i, next);
                i = next;
            }
        }
        return new Placeholders(out.toString(), List.copyOf(order));
    }

    /** The index of {@code part} at or after {@code from} outside literals, quoted names and comments; -1 if none. */
    static int find(String sql, String part, int from) {
        int i = from;
        while (i < sql.length()) {
            if (sql.startsWith(part, i)) {
                return i;
            }
            i = skip(sql, i);
        }
        return -1;
    }

    /** The SQL with comments removed and whitespace runs collapsed to one space; literals kept. */
    static String normalize(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        boolean space = false;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int next = skip(sql, i);
            boolean comment = c == '-' && next > i + 1 || c == '/' && next > i + 1;
            if (comment || Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(sql, i, next);
            }
            i = next;
        }
        return out.toString();
    }

    /**
     * The index after the token at {@code i}: a whole string literal, quoted name, dollar-quoted
     * string or comment, otherwise the single character.
     */
    private static int skip(String sql, int i) {
        char c = sql.charAt(i);
        int length = sql.length();
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < length) {
                if (sql.charAt(j) == c) {
                    if (j + 1 < length && sql.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return length;
        }
        if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
            int end = sql.indexOf('\n', i);
            return end < 0 ? length : end;
        }
        if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? length : end + 2;
        }
        if (c == '$' && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
            int tagEnd = i + 1;
            while (tagEnd < length && (Character.isLetter(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
                tagEnd++;
            }
            if (tagEnd < length && sql.charAt(tagEnd) == '$') {
                String tag = sql.substring(i, tagEnd + 1);
                int end = sql.indexOf(tag, tagEnd + 1);
                return end < 0 ? length : end + tag.length();
            }
        }
        return i + 1;
    }
}
